// Terminal updates: the province's administrators upload builds and roll them out; each
// terminal reads its feed (electron-updater's generic provider: /api/updates/<channel>/latest.yml
// and friends) and downloads the installer with its own credential. Only what a rollout offers
// the asking terminal is ever served to it.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff, requireTerminal, staffCaller, terminalCaller } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { ApiError, conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { TERMINAL_VERSION_HEADER, updateEndpoints } from '../../../src-shared/store-api/endpoints/updates';
import { BUILD_VERSION, targetOfFeedFile } from '../../../src-shared/updates/build-signature';
import { openBuildStorage } from './build-storage';
import {
  buildReaches,
  buildView,
  createBuild,
  createRollout,
  findBuild,
  listBuilds,
  listRollouts,
  offeredBuild,
  recordFileStored,
} from './builds';
import { currentVersionYaml, feedYaml } from './feed-yaml';

const TAGS = ['updates'];

function provinceAdministrator(request: FastifyRequest): string {
  const me = staffCaller(request);
  if (me.organisationKind !== 'province') throw forbidden('终端更新只能由省司法厅管理员发布');
  return me.staffId;
}

export function updateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const storage = await openBuildStorage(process.env, ctx.config.dataDir);
    if (storage.tightened.length > 0)
      app.log.warn({ paths: storage.tightened }, 'builds folder readable by other local users made owner-only (0700)');
    // The installer's bytes go to storage as they arrive, never through a buffer.
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    const administrator = requireStaff(ctx, 'administrator');

    app.route({
      ...declaredRoute(updateEndpoints.createBuild, {
        tags: TAGS,
        summary: '登记终端版本（版本号、平台、安装文件的 SHA-512 与大小、省厅密钥的签名）；文件随后逐个上传',
      }),
      onRequest: administrator,
      handler: async (request, reply) => {
        const build = await createBuild(ctx, provinceAdministrator(request), request.body);
        return reply.code(201).send(buildView(build));
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.uploadFile, {
        tags: TAGS,
        summary: '上传安装文件（application/octet-stream）；SHA-512 或大小与登记的不符则拒收，不留任何内容',
      }),
      onRequest: administrator,
      handler: async (request) => {
        provinceAdministrator(request);
        if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/octet-stream')) {
          throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 Content-Type: application/octet-stream 上传安装文件');
        }
        const { id, name } = request.params;
        const build = await findBuild(ctx, id);
        const file = build?.files.find((f) => f.name === name);
        if (!build || !file) throw notFound('该版本没有登记此文件');
        if (file.storageKey !== null) throw conflict('此文件已上传');
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > file.size) {
          throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件超过登记的大小（${file.size} 字节）`);
        }
        const stored = await storage.put(request.body as Readable, file);
        if ('refused' in stored) throw invalidField('body', stored.refused);
        if (!(await recordFileStored(ctx, id, name, stored.key))) {
          await storage.remove(stored.key);
          throw conflict('此文件已上传');
        }
        const updated = await findBuild(ctx, id);
        if (!updated) throw notFound('版本不存在');
        return buildView(updated);
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.listBuilds, { tags: TAGS, summary: '终端版本，最新在前' }),
      onRequest: administrator,
      handler: async (request) => {
        provinceAdministrator(request);
        return (await listBuilds(ctx, request.query.limit, request.query.offset)).map(buildView);
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.createRollout, {
        tags: TAGS,
        summary: '向指定终端、一定比例的终端或全部终端推送一个完整上传的版本',
      }),
      onRequest: administrator,
      handler: async (request, reply) => {
        const staffId = provinceAdministrator(request);
        const build = await findBuild(ctx, request.body.buildId);
        if (!build) throw notFound('版本不存在');
        if (!build.complete) throw conflict('该版本的安装文件尚未全部上传');
        const target = request.body.target;
        if (target.kind === 'terminals') {
          const known = await ctx.db.selectFrom('terminals').select('id').where('id', 'in', target.terminalIds).execute();
          const unknown = target.terminalIds.filter((t) => !known.some((k) => k.id === t));
          if (unknown.length > 0) throw invalidField('body.target.terminalIds', `终端不存在：${unknown.slice(0, 5).join('、')}`);
        }
        return reply.code(201).send(await createRollout(ctx, staffId, build, target));
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.listRollouts, { tags: TAGS, summary: '版本推送记录，最新在前' }),
      onRequest: administrator,
      handler: async (request) => {
        provinceAdministrator(request);
        return listRollouts(ctx, request.query.limit, request.query.offset);
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.feed, {
        tags: TAGS,
        summary: 'electron-updater 通用更新源（YAML）：推送给本终端的最新版本；没有时答本终端自报的版本（无更新）',
        description: `终端以自己的凭证访问；请求头 ${TERMINAL_VERSION_HEADER} 为终端当前版本。`,
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request, reply) => {
        const { terminalId } = terminalCaller(request);
        const target = targetOfFeedFile(request.params.feedFile);
        if (target === undefined) throw notFound('没有此更新源文件');
        const build = await offeredBuild(ctx, terminalId, request.params.channel, target);
        reply.type('text/yaml; charset=utf-8').header('cache-control', 'no-store');
        if (build) {
          return reply.send(
            feedYaml({
              ...build,
              releaseDate: build.createdAt,
              files: build.files.map((f) => ({ name: f.name, sha512: f.sha512, size: f.size })),
            }),
          );
        }
        const running = request.headers[TERMINAL_VERSION_HEADER];
        if (typeof running === 'string' && BUILD_VERSION.test(running))
          return reply.send(currentVersionYaml(running, new Date(0).toISOString()));
        throw notFound('没有推送给本终端的版本');
      },
    });

    app.route({
      ...declaredRoute(updateEndpoints.download, { tags: TAGS, summary: '下载推送给本终端的版本的安装文件' }),
      onRequest: requireTerminal(ctx),
      handler: async (request, reply) => {
        const { terminalId } = terminalCaller(request);
        const { channel, id, name } = request.params;
        const build = await findBuild(ctx, id);
        const file = build?.files.find((f) => f.name === name);
        // Another terminal's build is "not found": a terminal learns nothing of other rollouts.
        if (
          !build ||
          build.channel !== channel ||
          !file ||
          file.storageKey === null ||
          !(await buildReaches(ctx, id, terminalId))
        ) {
          throw notFound('没有推送给本终端的此文件');
        }
        const body = await storage.open(file.storageKey);
        return reply.type('application/octet-stream').header('content-length', String(file.size)).send(body);
      },
    });
  };
}
