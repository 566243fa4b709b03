// Compatibility check: drives a running Guestlist server with Lemmy's published
// TypeScript client (lemmy-js-client 1.0.0-invite.1), unchanged, and asserts the
// answers against SPEC.md.
//
// Environment:
//   GUESTLIST_URL             base URL of the server, e.g. http://127.0.0.1:8536
//   GUESTLIST_ADMIN_USERNAME  the admin the server was started with
//   GUESTLIST_ADMIN_PASSWORD
//   GUESTLIST_PUBLIC_URL      optional; when set, invite_link must start with it
//
// Expects a fresh server (new data dir): it checks the default registration mode
// and leaves the site in mode "closed". Prints one line per passed step; on the
// first mismatch it prints what was expected and what came back, and exits 1.

import { randomBytes } from "node:crypto";
import { LemmyHttp } from "lemmy-js-client";

// ---------------------------------------------------------------- settings

const BASE_URL = requireEnv("GUESTLIST_URL");
const ADMIN_NAME = requireEnv("GUESTLIST_ADMIN_USERNAME");
const ADMIN_PASSWORD = requireEnv("GUESTLIST_ADMIN_PASSWORD");
const PUBLIC_URL = process.env.GUESTLIST_PUBLIC_URL?.replace(/\/+$/, "");

const MODES = ["open", "require_application", "require_invitation", "closed"];
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:00)$/;
const URL_SAFE = /^[A-Za-z0-9_-]+$/;
const PASSWORD = "correct horse battery staple";

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`check: environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

// ---------------------------------------------------------------- assertions

class CheckFailed extends Error {}

let currentStep = "(start)";
let passed = 0;

function fail(message) {
  throw new CheckFailed(message);
}

function show(value) {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function assert(condition, message) {
  if (!condition) fail(message);
}

function eq(actual, expected, what) {
  if (actual !== expected) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function absent(value, what) {
  if (value !== undefined) {
    fail(`${what}: expected the field to be omitted, got ${show(value)}`);
  }
}

function isId(value, what) {
  assert(Number.isInteger(value), `${what}: expected an integer id, got ${show(value)}`);
}

function isTimestamp(value, what) {
  assert(
    typeof value === "string" && RFC3339_UTC.test(value) && !Number.isNaN(Date.parse(value)),
    `${what}: expected an RFC 3339 UTC timestamp, got ${show(value)}`,
  );
}

function isNonEmptyString(value, what) {
  assert(typeof value === "string" && value.length > 0, `${what}: expected a non-empty string, got ${show(value)}`);
}

function pass(message) {
  passed += 1;
  console.log(`ok ${String(passed).padStart(2)} - ${message}`);
}

async function step(name, body) {
  currentStep = name;
  await body();
  pass(name);
}

// ---------------------------------------------------------------- client calls

// A client with no session, or with the given jwt as Bearer token.
function client(jwt) {
  const http = new LemmyHttp(BASE_URL);
  if (jwt) http.setHeaders({ Authorization: `Bearer ${jwt}` });
  return http;
}

function describeError(err) {
  if (!err) return "no error object";
  if (err.status !== undefined) {
    return `error ${show(err.name)} (HTTP ${err.status})${err.message ? `: ${err.message}` : ""}`;
  }
  const cause = err.cause ? ` (cause: ${err.cause.message ?? err.cause})` : "";
  return `${err.name}: ${err.message}${cause}`;
}

// The client's wrapper() never throws: it answers {state: "success", data} or
// {state: "failed", err: LemmyError{name: <error code>, status, message}}, and it
// console.error()s every failed request. We print our own diagnostics instead.
async function quietly(call) {
  const original = console.error;
  console.error = () => {};
  try {
    return await call();
  } finally {
    console.error = original;
  }
}

async function ok(what, call) {
  const result = await quietly(call);
  if (result?.state !== "success") {
    fail(`${what}: expected success, got ${result?.state === "failed" ? describeError(result.err) : show(result)}`);
  }
  assert(result.data !== null && typeof result.data === "object", `${what}: expected a JSON object, got ${show(result.data)}`);
  return result.data;
}

async function refused(what, call, code, status) {
  const result = await quietly(call);
  if (result?.state === "success") {
    fail(`${what}: expected error ${code} (HTTP ${status}), but the call succeeded with ${show(result.data)}`);
  }
  if (result?.state !== "failed") fail(`${what}: unexpected answer ${show(result)}`);
  const err = result.err;
  if (err?.name !== code || err?.status !== status) {
    fail(`${what}: expected error ${show(code)} (HTTP ${status}), got ${describeError(err)}`);
  }
  return err;
}

// ---------------------------------------------------------------- helpers

function randomSuffix(length) {
  // base64url minus '-' gives [A-Za-z0-9_]
  let out = "";
  while (out.length < length) out += randomBytes(16).toString("base64url").replace(/-/g, "");
  return out.slice(0, length);
}

const runId = randomSuffix(6);
let userCounter = 0;

function newUsername(prefix) {
  userCounter += 1;
  const name = `${prefix}${userCounter}_${runId}`;
  assert(/^[A-Za-z0-9_]{3,20}$/.test(name), `bug in check: generated username ${name} is invalid`);
  return name;
}

function registerForm(username, extra = {}) {
  return { username, password: PASSWORD, password_verify: PASSWORD, ...extra };
}

function checkInvite(invite, what, ownerLocalUserId) {
  assert(invite && typeof invite === "object", `${what}: expected an invite object, got ${show(invite)}`);
  isId(invite.id, `${what}.id`);
  assert(
    typeof invite.token === "string" && URL_SAFE.test(invite.token) && invite.token.length >= 22,
    `${what}.token: expected URL-safe text carrying at least 128 bits (>= 22 chars), got ${show(invite.token)}`,
  );
  eq(invite.local_user_id, ownerLocalUserId, `${what}.local_user_id`);
  assert(Number.isInteger(invite.uses_count), `${what}.uses_count: expected an integer, got ${show(invite.uses_count)}`);
  isTimestamp(invite.published_at, `${what}.published_at`);
  const suffix = `/signup?token=${invite.token}`;
  if (PUBLIC_URL) {
    eq(invite.invite_link, `${PUBLIC_URL}${suffix}`, `${what}.invite_link`);
  } else {
    assert(
      typeof invite.invite_link === "string" && invite.invite_link.endsWith(suffix),
      `${what}.invite_link: expected "<public_url>${suffix}", got ${show(invite.invite_link)}`,
    );
  }
}

function checkLocalSite(localSite, what) {
  assert(localSite && typeof localSite === "object", `${what}: missing`);
  isId(localSite.id, `${what}.id`);
  isId(localSite.site_id, `${what}.site_id`);
  assert(MODES.includes(localSite.registration_mode), `${what}.registration_mode: expected one of ${MODES.join(", ")}, got ${show(localSite.registration_mode)}`);
  assert(Number.isInteger(localSite.max_invites_per_user_allowed), `${what}.max_invites_per_user_allowed: expected an integer, got ${show(localSite.max_invites_per_user_allowed)}`);
  isTimestamp(localSite.published_at, `${what}.published_at`);
}

function checkPerson(person, what) {
  assert(person && typeof person === "object", `${what}: missing`);
  isId(person.id, `${what}.id`);
  isNonEmptyString(person.name, `${what}.name`);
  isTimestamp(person.published_at, `${what}.published_at`);
  eq(person.local, true, `${what}.local`);
}

function checkApplicationView(view, what) {
  assert(view && typeof view === "object", `${what}: missing`);
  const app = view.registration_application;
  assert(app && typeof app === "object", `${what}.registration_application: missing`);
  isId(app.id, `${what}.registration_application.id`);
  isId(app.local_user_id, `${what}.registration_application.local_user_id`);
  assert(typeof app.answer === "string", `${what}.registration_application.answer: expected a string, got ${show(app.answer)}`);
  isTimestamp(app.published_at, `${what}.registration_application.published_at`);
  checkPerson(view.creator, `${what}.creator`);
  assert(view.creator_local_user && typeof view.creator_local_user === "object", `${what}.creator_local_user: missing`);
  eq(view.creator_local_user.id, app.local_user_id, `${what}.creator_local_user.id`);
  eq(view.creator_local_user.person_id, view.creator.id, `${what}.creator_local_user.person_id`);
}

function checkLoginResponse(data, what) {
  isNonEmptyString(data.jwt, `${what}.jwt`);
  eq(data.registration_created, false, `${what}.registration_created`);
  eq(data.verify_email_sent, false, `${what}.verify_email_sent`);
}

async function login(usernameOrEmail, password = PASSWORD) {
  const data = await ok(`login as ${usernameOrEmail}`, () => client().login({ username_or_email: usernameOrEmail, password }));
  checkLoginResponse(data, `login(${usernameOrEmail})`);
  return data.jwt;
}

// `who` is a jwt or a LemmyHttp that already carries the Authorization header.
async function myUser(who, what) {
  const http = who instanceof LemmyHttp ? who : client(who);
  const data = await ok(what, () => http.getMyUser());
  const view = data.local_user_view;
  assert(view && typeof view === "object", `${what}: local_user_view missing in ${show(data)}`);
  assert(view.local_user && typeof view.local_user === "object", `${what}: local_user_view.local_user missing`);
  checkPerson(view.person, `${what}: local_user_view.person`);
  isId(view.local_user.id, `${what}: local_user_view.local_user.id`);
  eq(view.local_user.person_id, view.person.id, `${what}: local_user_view.local_user.person_id`);
  eq(view.banned, false, `${what}: local_user_view.banned`);
  return view;
}

async function editSite(adminHttp, form, what) {
  const data = await ok(what, () => adminHttp.editSite(form));
  const localSite = data.site_view?.local_site;
  checkLocalSite(localSite, `${what}: site_view.local_site`);
  for (const [key, value] of Object.entries(form)) {
    eq(localSite[key], value, `${what}: site_view.local_site.${key}`);
  }
  return localSite;
}

// Follows next_page until the end; returns all items. Guards against endless cursors.
async function allPages(what, fetchPage) {
  const items = [];
  let cursor;
  for (let page = 0; page < 100; page++) {
    const data = await ok(what, () => fetchPage(cursor));
    assert(Array.isArray(data.items), `${what}: expected items to be an array, got ${show(data.items)}`);
    items.push(...data.items);
    if (data.next_page === undefined) return items;
    isNonEmptyString(data.next_page, `${what}: next_page`);
    cursor = data.next_page;
  }
  fail(`${what}: next_page still present after 100 pages`);
}

async function findApplication(adminHttp, unreadOnly, personName) {
  const views = await allPages(`listRegistrationApplications(unread_only=${unreadOnly})`, (cursor) =>
    adminHttp.listRegistrationApplications({ unread_only: unreadOnly, limit: 50, page_cursor: cursor }),
  );
  views.forEach((view, i) => checkApplicationView(view, `listRegistrationApplications items[${i}]`));
  return views.find((view) => view.creator.name === personName);
}

// ---------------------------------------------------------------- the scenario

async function main() {
  console.log(`lemmy-js-client compatibility check against ${BASE_URL}`);
  const anon = client();

  let admin; // { http, jwt, localUserId, personId }
  let inviter; // { name, email, jwt, localUserId }
  let limitedInvite; // max_uses 2
  let unlimitedInvite;

  await step("getSite: site_view, admins and version on a fresh site", async () => {
    const data = await ok("getSite", () => anon.getSite());
    assert(data.site_view && typeof data.site_view === "object", `getSite: site_view missing in ${show(data)}`);
    const site = data.site_view.site;
    assert(site && typeof site === "object", "getSite: site_view.site missing");
    isId(site.id, "getSite: site_view.site.id");
    assert(typeof site.name === "string", `getSite: site_view.site.name: expected a string, got ${show(site.name)}`);
    isTimestamp(site.published_at, "getSite: site_view.site.published_at");
    checkLocalSite(data.site_view.local_site, "getSite: site_view.local_site");
    eq(data.site_view.local_site.site_id, site.id, "getSite: site_view.local_site.site_id");
    eq(data.site_view.local_site.registration_mode, "require_application", "getSite: registration_mode of a fresh site (is the data dir fresh?)");
    assert(Array.isArray(data.admins) && data.admins.length > 0, `getSite: expected a non-empty admins array, got ${show(data.admins)}`);
    // SPEC says admins is [Person]; Lemmy's GetSiteResponse types it as [PersonView] ({person: Person, ...}).
    const adminNames = data.admins.map((a) => a?.name ?? a?.person?.name);
    assert(adminNames.includes(ADMIN_NAME), `getSite: admins ${show(adminNames)} do not include ${ADMIN_NAME}`);
    isNonEmptyString(data.version, "getSite: version");
  });

  await step("login as admin, then getMyUser with the Bearer token", async () => {
    const jwt = await login(ADMIN_NAME, ADMIN_PASSWORD);
    const http = new LemmyHttp(BASE_URL);
    http.setHeaders({ Authorization: `Bearer ${jwt}` });
    const view = await myUser(http, "getMyUser(admin)");
    eq(view.local_user.admin, true, "getMyUser(admin): local_user.admin");
    eq(view.person.name, ADMIN_NAME, "getMyUser(admin): person.name");
    admin = { http, jwt, localUserId: view.local_user.id, personId: view.person.id };
  });

  await step("getMyUser without a token is refused with not_logged_in", async () => {
    await refused("getMyUser(no token)", () => anon.getMyUser(), "not_logged_in", 401);
    await refused("getMyUser(unknown token)", () => client(`x${randomSuffix(40)}`).getMyUser(), "not_logged_in", 401);
  });

  await step("editSite: open mode, max 3 invites per user, application question", async () => {
    await editSite(admin.http, { registration_mode: "open", max_invites_per_user_allowed: 3, application_question: "Why?" }, "editSite(open)");
    const data = await ok("getSite after editSite", () => anon.getSite());
    eq(data.site_view?.local_site?.registration_mode, "open", "getSite after editSite: registration_mode");
    eq(data.site_view?.local_site?.max_invites_per_user_allowed, 3, "getSite after editSite: max_invites_per_user_allowed");
    eq(data.site_view?.local_site?.application_question, "Why?", "getSite after editSite: application_question");
  });

  await step("register in open mode gives a jwt at once", async () => {
    const name = newUsername("Inv");
    const email = `${name.toLowerCase()}@example.com`;
    const data = await ok(`register(${name})`, () => anon.register(registerForm(name, { email })));
    checkLoginResponse(data, `register(${name})`);
    inviter = { name, email, jwt: data.jwt };
  });

  await step("register refuses a taken name (any case) and an invalid name", async () => {
    const swapped = [...inviter.name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    assert(swapped !== inviter.name, "bug in check: case swap did not change the name");
    await refused(`register(${swapped})`, () => anon.register(registerForm(swapped)), "username_already_taken", 409);
    await refused("register(invalid name)", () => anon.register(registerForm("no spaces!")), "invalid_name", 400);
    await refused("register(2-char name)", () => anon.register(registerForm("ab")), "invalid_name", 400);
  });

  await step("login by email (and by name in another case) works", async () => {
    await login(inviter.email);
    await login(inviter.name.toUpperCase());
    await refused("login(wrong password)", () => anon.login({ username_or_email: inviter.name, password: "wrong password 123" }), "incorrect_login", 401);
  });

  await step("getMyUser of a user who registered without invite", async () => {
    const view = await myUser(inviter.jwt, "getMyUser(inviter)");
    eq(view.person.name, inviter.name, "getMyUser(inviter): person.name");
    eq(view.local_user.admin, false, "getMyUser(inviter): local_user.admin");
    absent(view.local_user.invited_by_local_user_id, "getMyUser(inviter): local_user.invited_by_local_user_id");
    eq(view.local_user.email?.toLowerCase(), inviter.email, "getMyUser(inviter): local_user.email (own view)");
    inviter.localUserId = view.local_user.id;
    inviter.personId = view.person.id;
  });

  await step("createRegistrationInvitation with max_uses and expires_at", async () => {
    const expiresAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const data = await ok("createRegistrationInvitation({max_uses: 2, expires_at})", () =>
      client(inviter.jwt).createRegistrationInvitation({ max_uses: 2, expires_at: expiresAt }),
    );
    const invite = data.invite;
    checkInvite(invite, "createRegistrationInvitation: invite", inviter.localUserId);
    eq(invite.uses_count, 0, "createRegistrationInvitation: invite.uses_count");
    eq(invite.max_uses, 2, "createRegistrationInvitation: invite.max_uses");
    isTimestamp(invite.expires_at, "createRegistrationInvitation: invite.expires_at");
    const drift = Math.abs(Date.parse(invite.expires_at) - Date.parse(expiresAt));
    assert(drift <= 1000, `createRegistrationInvitation: invite.expires_at ${invite.expires_at} differs from the requested ${expiresAt}`);
    limitedInvite = invite;
  });

  await step("createRegistrationInvitation({}) gives an unlimited, non-expiring invite", async () => {
    const data = await ok("createRegistrationInvitation({})", () => client(inviter.jwt).createRegistrationInvitation({}));
    const invite = data.invite;
    checkInvite(invite, "createRegistrationInvitation({}): invite", inviter.localUserId);
    eq(invite.uses_count, 0, "createRegistrationInvitation({}): invite.uses_count");
    absent(invite.max_uses, "createRegistrationInvitation({}): invite.max_uses");
    absent(invite.expires_at, "createRegistrationInvitation({}): invite.expires_at");
    assert(invite.token !== limitedInvite.token, "createRegistrationInvitation({}): token equals the previous invite's token");
    assert(invite.id !== limitedInvite.id, "createRegistrationInvitation({}): id equals the previous invite's id");
    unlimitedInvite = invite;
  });

  await step("listRegistrationInvitations pages newest first with next_page", async () => {
    const http = client(inviter.jwt);
    const first = await ok("listRegistrationInvitations({limit: 1})", () => http.listRegistrationInvitations({ limit: 1 }));
    assert(Array.isArray(first.items), `listRegistrationInvitations: items: expected an array, got ${show(first.items)}`);
    eq(first.items.length, 1, "listRegistrationInvitations({limit: 1}): items.length");
    isNonEmptyString(first.next_page, "listRegistrationInvitations({limit: 1}): next_page");
    checkInvite(first.items[0], "listRegistrationInvitations page 1 items[0]", inviter.localUserId);
    eq(first.items[0].token, unlimitedInvite.token, "listRegistrationInvitations page 1 (newest first): items[0].token");

    const second = await ok("listRegistrationInvitations({limit: 1, page_cursor})", () =>
      http.listRegistrationInvitations({ limit: 1, page_cursor: first.next_page }),
    );
    assert(Array.isArray(second.items), `listRegistrationInvitations page 2: items: expected an array, got ${show(second.items)}`);
    eq(second.items.length, 1, "listRegistrationInvitations page 2: items.length");
    checkInvite(second.items[0], "listRegistrationInvitations page 2 items[0]", inviter.localUserId);
    eq(second.items[0].token, limitedInvite.token, "listRegistrationInvitations page 2: items[0].token");
    eq(second.items[0].max_uses, 2, "listRegistrationInvitations page 2: items[0].max_uses");
    absent(second.next_page, "listRegistrationInvitations page 2 (the last page): next_page");

    await refused("listRegistrationInvitations({limit: 0})", () => http.listRegistrationInvitations({ limit: 0 }), "invalid_fetch_limit", 400);
    await refused("listRegistrationInvitations({limit: 51})", () => http.listRegistrationInvitations({ limit: 51 }), "invalid_fetch_limit", 400);
    await refused("listRegistrationInvitations(forged page_cursor)", () => http.listRegistrationInvitations({ page_cursor: "not-a-cursor" }), "couldnt_parse_pagination_token", 400);
    await refused("listRegistrationInvitations(no token)", () => anon.listRegistrationInvitations({}), "not_logged_in", 401);
  });

  await step("revokeRegistrationInvitation removes the invite; unknown token refused", async () => {
    const http = client(inviter.jwt);
    const data = await ok("revokeRegistrationInvitation", () => http.revokeRegistrationInvitation({ token: unlimitedInvite.token }));
    eq(data.success, true, "revokeRegistrationInvitation: success");
    const list = await ok("listRegistrationInvitations after revoke", () => http.listRegistrationInvitations({}));
    eq(list.items?.length, 1, "listRegistrationInvitations after revoke: items.length");
    eq(list.items[0].token, limitedInvite.token, "listRegistrationInvitations after revoke: the remaining invite");
    absent(list.next_page, "listRegistrationInvitations after revoke: next_page");
    await refused("revokeRegistrationInvitation(already revoked)", () => http.revokeRegistrationInvitation({ token: unlimitedInvite.token }), "invalid_invite_token", 400);
    await refused("revokeRegistrationInvitation(unknown)", () => http.revokeRegistrationInvitation({ token: randomSuffix(32) }), "invalid_invite_token", 400);
  });

  await step("a non-admin holds at most max_invites_per_user_allowed (3) invites", async () => {
    const http = client(inviter.jwt);
    const extra = [];
    for (let i = 0; i < 2; i++) {
      const data = await ok(`createRegistrationInvitation(extra ${i + 1})`, () => http.createRegistrationInvitation({}));
      extra.push(data.invite.token);
    }
    await refused("createRegistrationInvitation(4th usable invite)", () => http.createRegistrationInvitation({}), "too_many_invites", 403);
    for (const token of extra) {
      const data = await ok("revokeRegistrationInvitation(extra)", () => http.revokeRegistrationInvitation({ token }));
      eq(data.success, true, "revokeRegistrationInvitation(extra): success");
    }
  });

  await step("require_invitation: token required, checked, consumed and recorded", async () => {
    await editSite(admin.http, { registration_mode: "require_invitation" }, "editSite(require_invitation)");
    await refused("register(no token)", () => anon.register(registerForm(newUsername("NoTok"))), "missing_invite_token", 400);
    await refused("register(garbage token)", () => anon.register(registerForm(newUsername("Bad"), { token: "garbage-token" })), "invalid_invite_token", 400);

    const name = newUsername("Guest");
    const data = await ok(`register(${name}, invite token)`, () => anon.register(registerForm(name, { token: limitedInvite.token })));
    checkLoginResponse(data, `register(${name}, invite token)`);
    const view = await myUser(data.jwt, "getMyUser(invitee)");
    eq(view.person.name, name, "getMyUser(invitee): person.name");
    eq(view.local_user.invited_by_local_user_id, inviter.localUserId, "getMyUser(invitee): local_user.invited_by_local_user_id");

    const list = await ok("listRegistrationInvitations after one use", () => client(inviter.jwt).listRegistrationInvitations({}));
    eq(list.items?.length, 1, "listRegistrationInvitations after one use: items.length");
    eq(list.items[0].uses_count, 1, "listRegistrationInvitations after one use: uses_count");
  });

  await step("require_application: application stored, pending until approved", async () => {
    await editSite(admin.http, { registration_mode: "require_application" }, "editSite(require_application)");
    const name = newUsername("App");
    const answer = `I would like to join (${runId}).`;
    await refused("register(require_application, no answer)", () => anon.register(registerForm(name)), "registration_application_answer_required", 400);
    const data = await ok(`register(${name}, answer)`, () => anon.register(registerForm(name, { answer })));
    absent(data.jwt, `register(${name}, answer): jwt`);
    eq(data.registration_created, true, `register(${name}, answer): registration_created`);
    eq(data.verify_email_sent, false, `register(${name}, answer): verify_email_sent`);
    await refused(`login(${name}) before approval`, () => anon.login({ username_or_email: name, password: PASSWORD }), "registration_application_is_pending", 403);

    await refused("listRegistrationApplications(non-admin)", () => client(inviter.jwt).listRegistrationApplications({}), "not_an_admin", 403);
    const listed = await findApplication(admin.http, true, name);
    assert(listed, `listRegistrationApplications({unread_only: true}): no application by ${name}`);
    eq(listed.registration_application.answer, answer, "listRegistrationApplications: registration_application.answer");
    absent(listed.registration_application.admin_id, "listRegistrationApplications (undecided): registration_application.admin_id");

    const got = await ok("getRegistrationApplication", () => admin.http.getRegistrationApplication({ person_id: listed.creator.id }));
    checkApplicationView(got.registration_application, "getRegistrationApplication: registration_application");
    eq(got.registration_application.registration_application.id, listed.registration_application.id, "getRegistrationApplication: registration_application.registration_application.id");

    const approved = await ok("approveRegistrationApplication(approve)", () =>
      admin.http.approveRegistrationApplication({ id: listed.registration_application.id, approve: true }),
    );
    const view = approved.registration_application;
    checkApplicationView(view, "approveRegistrationApplication: registration_application");
    eq(view.registration_application.id, listed.registration_application.id, "approveRegistrationApplication: registration_application.registration_application.id");
    checkPerson(view.admin, "approveRegistrationApplication: registration_application.admin");
    eq(view.admin.name, ADMIN_NAME, "approveRegistrationApplication: registration_application.admin.name");
    eq(view.registration_application.admin_id, admin.personId, "approveRegistrationApplication: registration_application.registration_application.admin_id (the admin's person id)");
    eq(view.creator_local_user.accepted_application, true, "approveRegistrationApplication: creator_local_user.accepted_application");

    await login(name);
    const stillUnread = await findApplication(admin.http, true, name);
    assert(!stillUnread, `listRegistrationApplications({unread_only: true}) still lists the approved application of ${name}`);
    const inAll = await findApplication(admin.http, false, name);
    assert(inAll, `listRegistrationApplications({unread_only: false}) does not list the approved application of ${name}`);
  });

  await step("require_application: a denied applicant cannot log in", async () => {
    const name = newUsername("Spam");
    const data = await ok(`register(${name}, answer)`, () => anon.register(registerForm(name, { answer: "buy my stuff" })));
    eq(data.registration_created, true, `register(${name}): registration_created`);
    const listed = await findApplication(admin.http, true, name);
    assert(listed, `listRegistrationApplications({unread_only: true}): no application by ${name}`);
    const denied = await ok("approveRegistrationApplication(deny)", () =>
      admin.http.approveRegistrationApplication({ id: listed.registration_application.id, approve: false, deny_reason: "spam" }),
    );
    checkApplicationView(denied.registration_application, "approveRegistrationApplication(deny): registration_application");
    eq(denied.registration_application.registration_application.deny_reason, "spam", "approveRegistrationApplication(deny): deny_reason");
    eq(denied.registration_application.registration_application.admin_id, admin.personId, "approveRegistrationApplication(deny): admin_id");
    const err = await refused(`login(${name}) after denial`, () => anon.login({ username_or_email: name, password: PASSWORD }), "registration_denied", 403);
    assert(err.message.includes("spam"), `login(${name}) after denial: the message should carry the reason "spam", got ${show(err.message)}`);
  });

  await step("require_application: a valid invite skips the application", async () => {
    const created = await ok("createRegistrationInvitation({max_uses: 1})", () => client(inviter.jwt).createRegistrationInvitation({ max_uses: 1 }));
    const name = newUsername("Skip");
    const data = await ok(`register(${name}, invite, no answer)`, () => anon.register(registerForm(name, { token: created.invite.token })));
    checkLoginResponse(data, `register(${name}, invite, no answer)`);
    await refused("register(used-up invite)", () => anon.register(registerForm(newUsername("Late"), { token: created.invite.token, answer: "hi" })), "invalid_invite_token", 400);
  });

  await step("closed: nobody registers, not even with a valid invite", async () => {
    await editSite(admin.http, { registration_mode: "closed" }, "editSite(closed)");
    await refused("register(closed, valid invite)", () => anon.register(registerForm(newUsername("Closed"), { token: limitedInvite.token })), "registration_closed", 403);
    await refused("register(closed, no invite)", () => anon.register(registerForm(newUsername("Closed"), { answer: "hi" })), "registration_closed", 403);
    const list = await ok("listRegistrationInvitations after closed attempts", () => client(inviter.jwt).listRegistrationInvitations({}));
    eq(list.items?.[0]?.uses_count, 1, "the refused registration must not consume the invite: uses_count");
  });

  await step("a non-admin calling editSite is refused with not_an_admin", async () => {
    await refused("editSite(non-admin)", () => client(inviter.jwt).editSite({ registration_mode: "open" }), "not_an_admin", 403);
    await refused("editSite(no token)", () => anon.editSite({ registration_mode: "open" }), "not_logged_in", 401);
    const data = await ok("getSite", () => anon.getSite());
    eq(data.site_view?.local_site?.registration_mode, "closed", "getSite after refused edits: registration_mode");
  });

  await step("logout ends the session", async () => {
    const jwt = await login(inviter.name);
    const data = await ok("logout", () => client(jwt).logout());
    eq(data.success, true, "logout: success");
    await refused("getMyUser(old jwt after logout)", () => client(jwt).getMyUser(), "not_logged_in", 401);
  });

  await step("changePassword ends every session, answers a new one, and the new password logs in", async () => {
    const newPassword = `a brand new passphrase ${runId}`;
    const form = (fields) => ({ new_password: newPassword, new_password_verify: newPassword, old_password: PASSWORD, ...fields });
    const other = await login(inviter.name);
    const asking = await login(inviter.name);
    const http = client(asking);
    await refused("changePassword(no token)", () => anon.changePassword(form({})), "not_logged_in", 401);
    await refused("changePassword(wrong old password)", () => http.changePassword(form({ old_password: "wrong password 123" })), "incorrect_login", 401);
    await refused("changePassword(too short)", () => http.changePassword(form({ new_password: "short", new_password_verify: "short" })), "invalid_password", 400);
    await refused("changePassword(typed differently)", () => http.changePassword(form({ new_password_verify: `${newPassword}!` })), "passwords_do_not_match", 400);
    await myUser(other, "getMyUser(another session after the refused changes)");

    const data = await ok("changePassword", () => http.changePassword(form({})));
    checkLoginResponse(data, "changePassword");
    assert(data.jwt !== asking && data.jwt !== other, "changePassword: the answer's jwt must be a new session");
    await refused("getMyUser(the asking session after changePassword)", () => http.getMyUser(), "not_logged_in", 401);
    await refused("getMyUser(another session after changePassword)", () => client(other).getMyUser(), "not_logged_in", 401);
    const view = await myUser(data.jwt, "getMyUser(the session changePassword answered)");
    eq(view.person.name, inviter.name, "getMyUser(the session changePassword answered): person.name");
    await login(inviter.name, newPassword);
    await refused("login(old password after changePassword)", () => anon.login({ username_or_email: inviter.name, password: PASSWORD }), "incorrect_login", 401);
  });

  await step("adminListUsers and banPerson: a branch ban refuses log-in with site_ban, unban lets it back", async () => {
    await editSite(admin.http, { registration_mode: "open" }, "editSite(open) for the ban");
    const memberName = newUsername("Ban");
    const registered = await ok(`register(${memberName})`, () => anon.register(registerForm(memberName)));
    const member = await myUser(registered.jwt, `getMyUser(${memberName})`);
    const memberHttp = client(registered.jwt);
    const created = await ok("createRegistrationInvitation(member)", () => memberHttp.createRegistrationInvitation({}));
    const guestName = newUsername("Gst");
    const guestRegistered = await ok(`register(${guestName}, invite)`, () =>
      anon.register(registerForm(guestName, { token: created.invite.token })),
    );
    const guest = await myUser(guestRegistered.jwt, `getMyUser(${guestName})`);

    const listed = await ok("adminListUsers({limit: 2})", () => admin.http.adminListUsers({ limit: 2 }));
    assert(Array.isArray(listed.items), `adminListUsers: items: expected an array, got ${show(listed.items)}`);
    eq(listed.items.length, 2, "adminListUsers({limit: 2}): items.length");
    isNonEmptyString(listed.next_page, "adminListUsers({limit: 2}): next_page");
    eq(listed.items[0].local_user.id, guest.local_user.id, "adminListUsers (sort new by default): items[0] is the newest account");
    eq(listed.items[1].local_user.id, member.local_user.id, "adminListUsers: items[1]");
    listed.items.forEach((view, i) => {
      checkPerson(view.person, `adminListUsers items[${i}].person`);
      eq(view.local_user.person_id, view.person.id, `adminListUsers items[${i}].local_user.person_id`);
      eq(view.banned, false, `adminListUsers items[${i}].banned`);
      absent(view.local_user.email, `adminListUsers items[${i}].local_user.email`);
    });
    const oldest = await ok("adminListUsers({sort: old, limit: 1})", () => admin.http.adminListUsers({ sort: "old", limit: 1 }));
    eq(oldest.items?.[0]?.person?.name, ADMIN_NAME, "adminListUsers({sort: old}): the first account is the admin");
    // Guestlist's own filter, passed through as a query parameter like the others
    const invitees = await ok("adminListUsers({invited_by_local_user_id})", () =>
      admin.http.adminListUsers({ invited_by_local_user_id: member.local_user.id }),
    );
    eq(invitees.items?.length, 1, "adminListUsers({invited_by_local_user_id}): items.length");
    eq(invitees.items[0].local_user.id, guest.local_user.id, "adminListUsers({invited_by_local_user_id}): the guest");
    await refused("adminListUsers({sort: hot})", () => admin.http.adminListUsers({ sort: "hot" }), "bad_request", 400);
    await refused("adminListUsers(non-admin)", () => memberHttp.adminListUsers({}), "not_an_admin", 403);

    const reason = `spam ring ${runId}`;
    const banned = await ok("banPerson(include_invitees)", () =>
      admin.http.banPerson({ person_id: member.person.id, ban: true, reason, include_invitees: true }),
    );
    checkPerson(banned.person_view?.person, "banPerson: person_view.person");
    eq(banned.person_view.person.id, member.person.id, "banPerson: person_view.person.id");
    eq(banned.person_view.is_admin, false, "banPerson: person_view.is_admin");
    eq(banned.person_view.banned, true, "banPerson: person_view.banned");
    absent(banned.person_view.ban_expires_at, "banPerson (no end): person_view.ban_expires_at");
    eq(banned.banned, true, "banPerson: banned");
    eq(banned.affected_accounts, 2, "banPerson: affected_accounts (the member and its guest)");
    eq(banned.revoked_invites, 1, "banPerson: revoked_invites");
    await refused("getMyUser(banned member's session)", () => memberHttp.getMyUser(), "not_logged_in", 401);
    for (const name of [memberName, guestName]) {
      const err = await refused(`login(${name}) after the ban`, () => anon.login({ username_or_email: name, password: PASSWORD }), "site_ban", 403);
      assert(err.message.includes(reason), `login(${name}) after the ban: the message should carry the reason, got ${show(err.message)}`);
    }
    const bannedOnly = await allPages("adminListUsers({banned_only: true})", (cursor) =>
      admin.http.adminListUsers({ banned_only: true, limit: 50, page_cursor: cursor }),
    );
    const bannedIds = bannedOnly.map((view) => view.local_user.id);
    assert(
      bannedIds.includes(member.local_user.id) && bannedIds.includes(guest.local_user.id),
      `adminListUsers({banned_only: true}): expected the member and its guest in ${show(bannedIds)}`,
    );
    bannedOnly.forEach((view, i) => eq(view.banned, true, `adminListUsers({banned_only: true}) items[${i}].banned`));
    await refused("banPerson(an admin)", () => admin.http.banPerson({ person_id: admin.personId, ban: true, reason: "x" }), "not_higher_admin", 403);
    await refused(
      "banPerson(expires_at in the past)",
      () => admin.http.banPerson({ person_id: member.person.id, ban: true, reason: "x", expires_at: Math.floor(Date.now() / 1000) - 60 }),
      "ban_expiration_in_past",
      400,
    );

    const end = Math.floor(Date.now() / 1000) + 3600;
    const changed = await ok("banPerson(expires_at)", () =>
      admin.http.banPerson({ person_id: guest.person.id, ban: true, reason, expires_at: end }),
    );
    eq(Date.parse(changed.person_view.ban_expires_at), end * 1000, "banPerson(expires_at): person_view.ban_expires_at");
    isTimestamp(changed.person_view.ban_expires_at, "banPerson(expires_at): person_view.ban_expires_at");

    const lifted = await ok("banPerson(ban: false)", () =>
      admin.http.banPerson({ person_id: member.person.id, ban: false, reason: "a misunderstanding", include_invitees: true }),
    );
    eq(lifted.banned, false, "banPerson(ban: false): banned");
    eq(lifted.person_view.banned, false, "banPerson(ban: false): person_view.banned");
    eq(lifted.affected_accounts, 2, "banPerson(ban: false): affected_accounts");
    const again = await login(memberName);
    await login(guestName);
    const after = await ok("listRegistrationInvitations after the unban", () => client(again).listRegistrationInvitations({}));
    eq(after.items?.length, 0, "listRegistrationInvitations after the unban: the deleted invite stays deleted");
    await editSite(admin.http, { registration_mode: "closed" }, "editSite(closed) after the ban");
  });

  console.log(`all ${passed} steps passed`);
}

try {
  await main();
} catch (error) {
  if (error instanceof CheckFailed) {
    console.error(`FAILED in step "${currentStep}":\n  ${error.message}`);
  } else {
    console.error(`FAILED in step "${currentStep}" with an unexpected exception:`);
    console.error(error);
  }
  process.exitCode = 1;
}
