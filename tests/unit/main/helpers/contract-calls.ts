// A well-formed call for every channel of the IPC contract, about one visit on one day.
// The walks over the whole contract (the dispatcher's services, R25.1 authorisation) share
// it, so a method added to the contract without a valid call here fails both.
const U = '00000000-0000-4000-8000-000000000001';
const DOC = '530102199001011234';
const APPLICANT = {
  name: '李母',
  role: { kind: 'family', relationship: 'mother', proofs: ['household-register'] },
  document: { kind: 'resident-id', number: '530102199001011231' },
  address: '昆明市',
  phone: '13800000000',
};

export interface ContractCallsFor {
  /** The visit the visit-day and call methods name. */
  visitId: string;
  /** YYYY-MM-DD: the terminal's day; desk dates fall in its month. */
  day: string;
  /** Passed by the call's supervision actions where the caller names the administrator. */
  staffId?: string;
}

export function validContractCalls({ visitId, day, staffId }: ContractCallsFor): Record<string, unknown> {
  const year = day.slice(0, 4);
  const month = day.slice(0, 7);
  const by = staffId === undefined ? {} : { staffId };
  return {
    'kiosk:auth.session': undefined,
    'kiosk:auth.login': { username: 'nobody', password: 'x' },
    'kiosk:auth.logout': { staffId: 'S-NOBODY' },
    'kiosk:auth.lock': undefined,
    'kiosk:auth.activity': undefined,
    'kiosk:checkin.listForVisit': { visitId },
    'kiosk:checkin.roster': { visitId },
    'kiosk:checkin.readCard': { visitId },
    'kiosk:checkin.manual': { visitId, entry: { document: 'resident-id', name: '李小明', idNumber: DOC, validTo: '长期' } },
    'kiosk:checkin.interpreter': { visitId, name: '沙玛', documentNumber: '530102198503150050', languages: ['彝语'] },
    'kiosk:checkin.acknowledgeNotice': { visitId, documentNumber: DOC },
    'kiosk:checkin.declareDeposits': { visitId, documentNumber: DOC, items: [] },
    'kiosk:checkin.depositItem': { visitId, itemId: 1, action: 'deposited' },
    'kiosk:checkin.refuseDeposit': { visitId, documentNumber: DOC },
    'kiosk:checkin.inmateInPosition': { visitId },
    'kiosk:checkin.checkDocuments': {
      visitId,
      documentNumber: DOC,
      letterReference: '委字2026第1号',
      credentialNumber: '15301202610000001',
    },
    'kiosk:checkin.outstandingReturns': undefined,
    'kiosk:visit.listForDay': { date: day },
    'kiosk:visit.today': undefined,
    'kiosk:visit.readiness': { visitId },
    // About a visit or recording that is not there: a typed NOT_FOUND, never INVALID_ARGUMENT.
    'kiosk:recording.list': undefined,
    'kiosk:recording.start': { visitId: 'V-NONE' },
    'kiosk:recording.chunk': { recordingId: 'R-NONE', seq: 0, bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]) },
    'kiosk:recording.incident': { recordingId: 'R-NONE', note: '管理员警告' },
    'kiosk:recording.stop': { recordingId: 'R-NONE' },
    'kiosk:recording.verify': { recordingId: 'R-NONE' },
    'kiosk:recording.playbackUrl': { recordingId: 'R-NONE' },
    'kiosk:sync.status': undefined,
    'kiosk:sync.syncNow': undefined,
    'kiosk:sync.clearAlarm': undefined,
    'kiosk:device.storeHealth': undefined,
    'kiosk:device.equipmentCheck': {
      visitId,
      camera: { ok: true, detail: '' },
      microphone: { ok: true, detail: '' },
      speaker: { ok: true, detail: '' },
    },
    'kiosk:call.join': { visitId },
    'kiosk:call.current': undefined,
    'kiosk:call.signal': { visitId, generation: 1, data: { type: 'offer', sdp: 'v=0' } },
    'kiosk:call.media': { visitId, generation: 1, state: 'connected' },
    'kiosk:call.stats': {
      visitId,
      sample: {
        at: `${day}T02:00:00.000Z`,
        bitrateKbps: 900,
        packetLossPct: 0.5,
        fps: 25,
        rttMs: 12,
        frameWidth: 1280,
        frameHeight: 720,
      },
    },
    'kiosk:call.warn': { visitId, code: 'R16.1(2)' },
    'kiosk:call.terminate': { visitId, code: 'R17.1(8)' },
    'kiosk:call.extend': { visitId, minutes: 10, approvalRef: `监狱长批字〔${year}〕12号` },
    'kiosk:call.incident': { visitId, note: '会见人情绪激动' },
    'kiosk:call.mute': { visitId, side: 'visitor', seconds: 30, ...by },
    'kiosk:call.hold': { visitId, ...by },
    'kiosk:call.release': { visitId, ...by },
    'kiosk:call.proposeSuspension': { visitId, months: 2, ...by },
    'kiosk:call.feed': {
      visitId,
      from: 'console',
      session: 'console-0001',
      kind: 'hello',
      feed: 0,
      data: null,
      streams: null,
    },
    'kiosk:admin.siteInfo': undefined,
    'kiosk:admin.recentAudit': { limit: 10 },
    'kiosk:admin.visitAudit': { visitId, limit: 100 },
    'kiosk:admin.enrol': { code: 'ABCD-EFGH-JKLM' },
    'kiosk:desk.login': { username: 'nobody', password: 'x' },
    'kiosk:desk.logout': undefined,
    'kiosk:desk.me': undefined,
    'kiosk:desk.previewApplication': { form: 'form-2', inmateId: U, applicants: [APPLICANT] },
    'kiosk:desk.submitApplication': { form: 'form-2', inmateId: U, applicants: [APPLICANT] },
    'kiosk:desk.listApplications': {},
    'kiosk:desk.getApplication': { applicationId: U },
    'kiosk:desk.sites': {},
    'kiosk:desk.reviewQueue': {},
    'kiosk:desk.forward': { applicationId: U },
    'kiosk:desk.refuse': { applicationId: U, reason: '材料不全' },
    'kiosk:desk.approve': { applicationId: U, date: day, start: '09:00', minutes: 30, roomId: U, remoteRoomId: U },
    'kiosk:desk.notify': { applicationId: U, how: 'phone' },
    'kiosk:desk.consent': { applicationId: U, agreed: true, how: 'sms' },
    'kiosk:desk.informInmate': { applicationId: U },
    'kiosk:desk.approveException': { applicationId: U, lifts: 'duration', visitDate: day, maxMinutes: 60, reason: '家中急事' },
    'kiosk:desk.applicationRooms': { applicationId: U },
    'kiosk:desk.slots': { date: day, roomId: U, remoteRoomId: U },
    'kiosk:desk.visits': {},
    'kiosk:desk.reschedule': { visitId: U, date: day, start: '09:00', minutes: 30 },
    'kiosk:desk.visitOutcome': { visitId: U, status: 'completed' },
    'kiosk:desk.searchInmates': { name: '李四' },
    'kiosk:desk.lookupInmate': { prisonId: U, inmateNumber: 'N1', name: '李四' },
    'kiosk:desk.inmate': { inmateId: U },
    'kiosk:desk.addStatusPeriod': { inmateId: U, period: { kind: 'confinement', start: `${month}-01`, end: null } },
    'kiosk:desk.endStatusPeriod': { inmateId: U, periodId: U, end: day },
    'kiosk:desk.addPenalty': { inmateId: U, penalty: { kind: 'warning', date: `${month}-01` } },
    'kiosk:desk.addSuspension': {
      inmateId: U,
      suspension: { start: `${year}-05-01`, end: `${year}-06-30`, reason: 'R17.1(8)', decidedBy: '监狱长' },
    },
    'kiosk:desk.suspensionProposals': { status: 'open' },
    'kiosk:desk.overview': { from: `${month}-01`, to: `${month}-28` },
    'kiosk:desk.overviewCsv': { from: `${month}-01`, to: `${month}-28` },
    'kiosk:desk.dueDate': { step: 'bureau-review', receivedOn: day },
    'kiosk:desk.calendarDay': { date: day },
    'kiosk:desk.readCard': undefined,
    'kiosk:desk.savePdf': { name: 'form-2' },
  };
}
