// Every error code the API can answer (SPEC §3), in words a person understands, and the form field
// the words belong next to ("" = the form as a whole). The API decides; this only says what it said.

const REASON = /^[^:]*: ([\s\S]*)$/;

// The text after the first ": " of the server's message: the reason an admin gave, when there is one.
function reasonOf(message) {
  const match = REASON.exec(message || "");
  return match ? match[1] : "";
}

function withReason(sentence, message, lead) {
  const reason = reasonOf(message);
  return reason ? `${sentence} ${lead} “${reason}”` : sentence;
}

export const WORDS = {
  invalid_name: ["username", () => "A username is 3 to 20 characters: letters, digits and underscores only."],
  invalid_password: ["password", () => "The password must be 10 to 60 characters long."],
  passwords_do_not_match: ["password_verify", () => "The two passwords are not the same. Type the same password twice."],
  invalid_email_address: ["email", () => "That is not an email address. Leave the field empty if you do not want to give one."],
  honeypot_failed: ["", () => "The form could not be sent. Reload the page and try again."],
  registration_application_answer_required: ["answer", () => "Please answer the question: an admin reads your answer before letting you in."],
  missing_invite_token: ["invite_link", () => "This site takes new members by invitation only. Paste the invite link you were given."],
  invalid_invite_token: ["invite_link", () => "This invite link cannot be used: it has expired, has been used up or was revoked. Ask whoever invited you for a new one."],
  couldnt_parse_pagination_token: ["", () => "The list could not be continued. Reload the page."],
  invalid_fetch_limit: ["", () => "The list could not be shown. Reload the page."],
  not_logged_in: ["", () => "You are not logged in, or your session has ended. Log in again."],
  incorrect_login: ["password", () => "The username or email, or the password, is wrong."],
  not_an_admin: ["", () => "Only admins may do this."],
  registration_closed: ["", () => "This site is not taking new members at the moment."],
  registration_application_is_pending: ["", () => "Your application is still waiting for an admin. You can log in once it is approved."],
  registration_denied: ["", (m) => withReason("Your application was not accepted.", m, "The admin wrote:")],
  too_many_invites: ["", () => "You already hold as many unused invites as this site allows. Revoke one, or wait until one is used or expires."],
  site_ban: ["", (m) => withReason("This account is banned from the site.", m, "Reason:")],
  ban_expiration_in_past: ["expires_at", () => "The end of a ban must be in the future."],
  not_higher_admin: ["", () => "Admins cannot be banned, and their invites are not touched."],
  account_too_new_to_invite: ["", () => "Your account is too new to invite anyone yet. Try again later."],
  invite_daily_limit_reached: ["", () => "You have created as many invites today as this site allows. Try again tomorrow."],
  invite_signups_paused: ["", () => "Too many people joined through invites today; sign-ups with an invite are paused until tomorrow. Your invite still works then."],
  invites_disabled: ["", (m) => withReason("An admin has withdrawn your right to invite.", m, "Reason:")],
  cross_site_request: ["", () => "This request came from another site and was refused. Open the page from this site and try again."],
  not_found: ["", () => "That was not found. It may have been deleted in the meantime."],
  username_already_taken: ["username", () => "That username is taken. Pick another one."],
  email_already_taken: ["email", () => "That email address belongs to another account already."],
  too_many_requests: ["", (m, retry) => `Too many attempts from here. Wait ${retry || "a minute"}${retry ? " seconds" : ""} and try again.`],
  unknown: ["", (m) => `Something went wrong on the server. If it happens again, tell the admins: ${m}`],
  bad_request: ["", (m) => `The server could not accept this: ${m}`],
  method_not_allowed: ["", () => "The server does not do that here. Reload the page."],
  payload_too_large: ["", () => "That is too long to send."],
  unsupported_media_type: ["", () => "The form could not be sent. Reload the page and try again."],
  service_unavailable: ["", () => "The server cannot answer right now. Try again in a moment."],
  network: ["", () => "The server could not be reached. Check your connection and try again."],
};

// The field and the sentence for an error of the API; bad_request names the field in its message.
export function describe(error) {
  const [field, say] = WORDS[error.code] || WORDS.unknown;
  let at = field;
  if (error.code === "bad_request") {
    const named = /^\$?\.?([a-z_]+)\b/.exec(error.message || "");
    at = named ? named[1] : "";
  }
  return { field: at, text: say(error.message, error.retryAfter) };
}

export const MODES = {
  open: "Anyone may join.",
  require_application: "Anyone may apply; an admin reads each application before the new account can log in.",
  require_invitation: "Invitation only: you need an invite link from a member.",
  closed: "Closed: the site is not taking new members.",
};
