// The JSON API of this origin. Writes send the session cookie with this page's Origin (the server
// refuses cookie-authenticated writes from anywhere else) and no Referer: the address of /signup
// holds the invite's token.

export class ApiError extends Error {
  constructor(code, message, status, retryAfter) {
    super(message || code);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export async function api(method, path, body) {
  const init = { method, credentials: "same-origin", cache: "no-store", referrer: "", referrerPolicy: "same-origin", headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v4${path}`, init);
  } catch (failure) {
    throw new ApiError("network", String(failure), 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch (notJson) {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError((data && data.error) || "unknown", (data && data.message) || `HTTP ${response.status}`, response.status, response.headers.get("Retry-After"));
  }
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body || {});
export const put = (path, body) => api("PUT", path, body || {});
export const del = (path, body) => api("DELETE", path, body || {});

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

// The account of this browser's session, or null when it has none.
export async function me() {
  try {
    return await get("/account");
  } catch (error) {
    if (error.code === "not_logged_in") return null;
    throw error;
  }
}

export async function site() {
  return (await get("/site")).site_view;
}
