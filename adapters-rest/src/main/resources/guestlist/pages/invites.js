import { get, post, del, me, query } from "./api.js";
import { frame, el, $, show, field, onSubmit, showError, say, when, ready, failed } from "./ui.js";
import { describe } from "./words.js";

const USES = [["1", "1 person"], ["5", "5 people"], ["10", "10 people"], ["25", "25 people"], ["", "Unlimited"]];
const LIFETIMES = [["1800", "30 minutes"], ["3600", "1 hour"], ["86400", "1 day"], ["604800", "1 week"], ["", "Never"]];

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function options(choices, chosen) {
  return choices.map(([value, text]) => el("option", { value, text, selected: value === chosen }));
}

function allowanceLines(allowance) {
  if (allowance.unlimited) return ["As an admin, you may create as many invites as you like."];
  const lines = [];
  const cap = allowance.max_invites_per_user_allowed;
  if (cap === 0) {
    lines.push("On this site only admins may create invites.");
  } else {
    const left = Math.max(0, cap - allowance.usable_invites);
    lines.push(`You hold ${plural(allowance.usable_invites, "unused invite", "unused invites")} of at most ${cap}: ${left} left.`);
  }
  if (allowance.invites_per_user_per_day > 0) {
    const made = allowance.invites_created_last_day || 0;
    const perDay = allowance.invites_per_user_per_day;
    lines.push(`In the last 24 hours you created ${made} of at most ${plural(perDay, "invite", "invites")} a day: ${Math.max(0, perDay - made)} left.`);
  }
  if (allowance.may_invite_from) lines.push(`Your account is too new to invite: you may create invites from ${when(allowance.may_invite_from)}.`);
  if (!allowance.can_invite) lines.push(describe({ code: "invites_disabled", message: `: ${allowance.invites_disabled_reason || ""}` }).text);
  return lines;
}

async function showAllowance() {
  const mine = await me();
  $("#allowance").replaceChildren(...allowanceLines(mine.invite_allowance).map((text) => el("p", { text })));
}

async function copy(input, note) {
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (refused) {
    input.select();
    if (!document.execCommand("copy")) {
      note.textContent = "Copying is not allowed here: select the link and copy it yourself.";
      return;
    }
  }
  note.textContent = "Link copied.";
}

function inviteItem(invite) {
  const id = `link-${invite.id}`;
  const link = el("input", { type: "text", id, readOnly: true, value: invite.invite_link });
  const note = el("p", { class: "ok", role: "status" });
  const copyButton = el("button", { type: "button", class: "copy", text: "Copy link", onclick: () => copy(link, note) });
  const uses = invite.max_uses ? `Used ${invite.uses_count} of ${plural(invite.max_uses, "time", "times")}.` : `Used ${plural(invite.uses_count, "time", "times")}; no limit.`;
  const expiry = invite.expires_at ? `Expires ${when(invite.expires_at)}.` : "Never expires.";
  const actions = el("div", { class: "row" });
  const item = el("li", { class: "card invite", "data-token": invite.token },
    el("label", { for: id, text: "Invite link" }),
    el("div", { class: "link" }, link, copyButton),
    note,
    el("p", { class: "uses", text: uses }),
    el("p", { class: "expiry" }, expiry, " ", el("span", { class: "muted", text: `Created ${when(invite.published_at)}.` })),
    invite.comment ? el("p", { class: "comment" }, "Note: ", el("span", { class: "quote", text: invite.comment })) : null,
    actions);
  const revoke = el("button", { type: "button", class: "plain", text: "Revoke", onclick: () => confirmRevoke() });
  function confirmRevoke() {
    const yes = el("button", { type: "button", class: "danger", text: "Yes, revoke it", onclick: () => doRevoke() });
    const no = el("button", { type: "button", class: "plain", text: "Keep it", onclick: () => {
      actions.replaceChildren(revoke);
      revoke.focus();
    } });
    actions.replaceChildren(el("p", { text: "Revoke this invite? Nobody will be able to use the link any more." }), yes, no);
    yes.focus();
  }
  async function doRevoke() {
    try {
      await del("/account/invite", { token: invite.token });
      item.remove();
      say($("#status"), "The invite was revoked: its link no longer works.");
      $("#status").focus();
      await showAllowance();
    } catch (error) {
      actions.replaceChildren(el("p", { class: "error", role: "alert", text: describe(error).text }), revoke);
    }
  }
  actions.append(revoke);
  return { item, copyButton };
}

async function showList(cursor) {
  const list = $("#invite-list");
  const page = await get(`/account/invite/list${query({ limit: 20, page_cursor: cursor })}`);
  if (!cursor) list.replaceChildren();
  for (const invite of page.items) list.append(inviteItem(invite).item);
  $("#none").hidden = list.children.length > 0;
  const more = $("#more");
  more.hidden = !page.next_page;
  more.onclick = page.next_page ? () => showList(page.next_page).catch(failed) : null;
}

try {
  const { user } = await frame("Your invites", { needUser: true });
  if (user) {
    const form = el("form", { id: "create", method: "post", novalidate: true },
      field("Uses", el("select", { name: "max_uses" }, options(USES, "1")), "How many people may sign up with the link."),
      field("Expires after", el("select", { name: "lifetime" }, options(LIFETIMES, "604800"))),
      field("Comment (optional)", el("input", { type: "text", name: "comment", autocomplete: "off" }), "A note for yourself, such as whom it is for. Only you and the admins see it."),
      el("button", { type: "submit", text: "Create invite" }));
    onSubmit(form, async (data) => {
      const body = {};
      if (data.get("max_uses")) body.max_uses = Number(data.get("max_uses"));
      if (data.get("lifetime")) body.expires_at = new Date(Date.now() + Number(data.get("lifetime")) * 1000).toISOString();
      if (data.get("comment")) body.comment = data.get("comment");
      const { invite } = await post("/account/invite", body);
      form.elements.comment.value = "";
      const { item, copyButton } = inviteItem(invite);
      $("#invite-list").prepend(item);
      $("#none").hidden = true;
      say($("#status"), "Invite created. Copy its link and send it to the person you invite.");
      copyButton.focus();
      await showAllowance();
    });
    $("#content").replaceChildren(
      el("div", { id: "allowance" }),
      el("h2", { text: "Create an invite" }), form,
      el("h2", { text: "Your unused invites" }),
      el("p", { id: "none", hidden: true, text: "You have no unused invites." }),
      el("ul", { id: "invite-list", class: "list" }),
      el("button", { type: "button", id: "more", class: "plain", hidden: true, text: "Show more invites" }));
    const status = $("#status");
    status.tabIndex = -1;
    show(status, false);
    await Promise.all([showAllowance(), showList()]);
    show($("#content"), true);
  }
  ready();
} catch (error) {
  failed(error);
}
