// desk.attachProof / proofs / proofContent: an application's proof scans relayed to the store
// with the clerk's token (issue #25 item 2; R8.1, R35.1). Base64 only on the wire to the store
// (like importInmates); the renderer gets bytes, which it shows through a blob: URL.
import type { KioskServices } from '../../src-shared/ipc/types';
import { proofEndpoints as endpoints } from '../../src-shared/store-api/endpoints/proofs';
import type { DeskStoreCall } from './desk-recordings';

type Methods = Pick<KioskServices['desk'], 'attachProof' | 'proofs' | 'proofContent'>;

export function deskProofs(call: DeskStoreCall): Methods {
  return {
    attachProof: ({ applicationId, kind, fileName, bytes }) =>
      call(endpoints.upload, {
        params: { id: applicationId },
        body: {
          kind,
          fileName,
          contentBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        },
      }),
    proofs: ({ applicationId }) => call(endpoints.list, { params: { id: applicationId } }),
    async proofContent({ applicationId, proofId, purpose }) {
      const answer = await call(endpoints.get, { params: { id: applicationId, proofId }, query: { purpose } });
      if (!answer.accepted) return answer;
      return {
        accepted: true,
        value: { proof: answer.value.proof, bytes: new Uint8Array(Buffer.from(answer.value.contentBase64, 'base64')) },
      };
    },
  };
}
