import { Body, Controller, Get, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Access, AccessGuard, assertOwnedBy, CurrentPrincipal } from './access.guard';
import { ApiErrorFilter } from './api-error.filter';
import { Principal, PRINCIPAL_HEADER } from './principal';

const MINE = '11111111-1111-4111-8111-111111111111';
const THEIRS = '22222222-2222-4222-8222-222222222222';

@Controller('t')
class ProbeController {
  @Get('undeclared')
  undeclared() {
    return { ok: true };
  }

  @Get('admin')
  @Access.admin()
  admin() {
    return { ok: true };
  }

  @Get('query')
  @Access.account({ query: 'accountId' })
  query(@Query('accountId') accountId?: string) {
    return { accountId: accountId ?? null };
  }

  @Get('param/:id')
  @Access.account({ param: 'id' })
  param(@Param('id') id: string) {
    return { id };
  }

  @Post('body')
  @Access.account({ body: 'accountId' })
  body(@Body() body: unknown) {
    return { body: body ?? null };
  }

  @Get('own/:owner')
  @Access.own()
  own(@Param('owner') owner: string, @CurrentPrincipal() principal: Principal) {
    assertOwnedBy(principal, owner, 'thing', 'x');
    return { principal };
  }

  @Get('public')
  @Access.public()
  open(@CurrentPrincipal() principal: Principal) {
    return { principal };
  }

  @Get('signed-in')
  @Access.signedIn()
  signedIn(@CurrentPrincipal() principal: Principal) {
    return { principal };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('AccessGuard', () => {
  let app: INestApplication;
  const as = (principal: string | null) => {
    const set = <T extends request.Test>(t: T) => (principal === null ? t : t.set(PRINCIPAL_HEADER, principal));
    return {
      get: (path: string) => set(request(app.getHttpServer()).get(path)),
      post: (path: string, body: unknown) =>
        set(
          request(app.getHttpServer())
            .post(path)
            .send(body as object),
        ),
    };
  };
  const listener = as(`listener:${MINE}`);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalGuards(new AccessGuard(app.get(Reflector)));
    app.useGlobalFilters(new ApiErrorFilter());
    await app.init();
  });

  afterAll(() => app?.close());

  it('lets the admin (header or none: the gateway or a peer) reach every route', async () => {
    for (const admin of [as('admin'), as(null)]) {
      await admin.get('/t/undeclared').expect(200);
      await admin.get('/t/admin').expect(200);
      expect((await admin.get(`/t/query?accountId=${THEIRS}`).expect(200)).body).toEqual({ accountId: THEIRS });
      expect((await admin.get('/t/query').expect(200)).body).toEqual({ accountId: null });
    }
  });

  it('closes undeclared and admin-only routes to a listener (403)', async () => {
    expect((await listener.get('/t/undeclared').expect(403)).body.message).toMatch(/Only the admin/);
    await listener.get('/t/admin').expect(403);
  });

  it("fills in a listener's own account id when absent and refuses another's with the 404 of an unknown one", async () => {
    expect((await listener.get('/t/query').expect(200)).body).toEqual({ accountId: MINE });
    expect((await listener.get(`/t/query?accountId=${MINE.toUpperCase()}`).expect(200)).body).toEqual({ accountId: MINE.toUpperCase() });
    expect((await listener.get(`/t/query?accountId=${THEIRS}`).expect(404)).body.message).toBe(`No account with id ${THEIRS}`);
    expect((await listener.get(`/t/param/${MINE}`).expect(200)).body).toEqual({ id: MINE });
    await listener.get(`/t/param/${THEIRS}`).expect(404);
    expect((await listener.post('/t/body', {}).expect(201)).body).toEqual({ body: { accountId: MINE } });
    expect((await listener.post('/t/body', { other: 1 }).expect(201)).body).toEqual({ body: { other: 1, accountId: MINE } });
    await listener.post('/t/body', { accountId: THEIRS }).expect(404);
    // not a UUID: left to the route's own validation, unchanged
    expect((await listener.get('/t/query?accountId=nope').expect(200)).body).toEqual({ accountId: 'nope' });
    expect((await listener.post('/t/body', [1]).expect(201)).body).toEqual({ body: [1] });
  });

  it('hands own-scoped routes the principal, and public ones anybody', async () => {
    expect((await listener.get(`/t/own/${MINE}`).expect(200)).body).toEqual({ principal: { role: 'listener', accountId: MINE } });
    await listener.get(`/t/own/${THEIRS}`).expect(404);
    expect((await as('anonymous').get('/t/public').expect(200)).body).toEqual({ principal: { role: 'anonymous' } });
    await as('anonymous').get('/t/signed-in').expect(401);
    await as('anonymous').get(`/t/query`).expect(401);
    await listener.get('/t/signed-in').expect(200);
  });

  it('refuses a principal header it does not recognise instead of widening it', async () => {
    for (const forged of ['root', 'listener:', `listener:${MINE},admin`, 'Admin', 'listener:not-a-uuid'])
      await as(forged).get('/t/public').expect(401);
  });
});
