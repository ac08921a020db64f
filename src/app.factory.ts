import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ErrorShapeFilter } from './common/error-shape.filter';
import { InputTextInterceptor } from './common/input-text.interceptor';
import { validationPipe } from './common/validation';
import type { Env } from './config/env.schema';
import { projectPath } from './config/paths';
import { WebModule } from './web/web.module';
import { PAGE_PREFIX_EXCLUDE, rewritePageRequest } from './web/web-routing';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The HTTP process: the application plus the web pages (the worker and the CLI have no pages). */
@Module({})
class HttpAppModule {}

/** Builds the HTTP application (Fastify) exactly as production runs it; tests use the same function. */
export async function createHttpApp(
  env: Env,
  options: { bufferLogs?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // X-Forwarded-For only from the configured proxies: otherwise any client picks its own address.
    trustProxy: env.TRUST_PROXY.length ? env.TRUST_PROXY : false,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    // Browser paths outside /api and /assets are pages, routed under one internal mount (src/web/web-routing.ts).
    rewriteUrl: rewritePageRequest,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    { module: HttpAppModule, imports: [AppModule.register(env), WebModule] },
    adapter,
    {
      bufferLogs: options.bufferLogs ?? true,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', { exclude: PAGE_PREFIX_EXCLUDE });
  app.useGlobalPipes(validationPipe);
  app.useGlobalInterceptors(new InputTextInterceptor());
  app.useGlobalFilters(new ErrorShapeFilter());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await app.register(fastifyHelmet, {
    // The OpenAPI page loads its own inline script and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: env.UPLOAD_MAX_BYTES, files: 10, fields: 50 } });
  // Page assets beside the compiled code: src/web/public under ts-node, dist/web/public in a build (the build
  // copies them, see `postbuild` in package.json). The ECharts bundle comes from node_modules.
  await app.register(fastifyStatic, {
    root: path.join(__dirname, 'web', 'public'),
    prefix: '/assets/',
    maxAge: '1h',
  });
  fastify.get('/assets/echarts.min.js', (_request, reply) =>
    reply.sendFile('echarts.min.js', projectPath('node_modules/echarts/dist'), { maxAge: '7d' }),
  );
  // The icon every browser asks for at the root; public like the other assets (pages link the same SVG).
  fastify.get('/favicon.ico', (_request, reply) =>
    reply.type('image/svg+xml').sendFile('favicon.svg', { maxAge: '7d' }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('督办 Duban API')
      .setDescription('Plans as assignments: tasks, deadlines, progress, evidence and the county evaluation')
      .setVersion('0.1')
      .addBearerAuth()
      .addCookieAuth('duban_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
