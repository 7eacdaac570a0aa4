// Every call to the server carries this run's token in a header (the page's own cookie never opens the API).
const token = document.querySelector('meta[name="qlm-token"]').content;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error.en : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function answer(response) {
  const body = (response.headers.get("Content-Type") || "").startsWith("application/json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function get(name, params = {}) {
  const query = new URLSearchParams(params).toString();
  return answer(await fetch(`/api/${name}${query ? "?" + query : ""}`, { headers: { "X-Qlm-Token": token } }));
}

export async function post(name, body) {
  return answer(await fetch(`/api/${name}`, {
    method: "POST", headers: { "X-Qlm-Token": token, "Content-Type": "application/json" }, body: JSON.stringify(body),
  }));
}

export async function postBytes(name, params, bytes) {
  const query = new URLSearchParams(params).toString();
  return answer(await fetch(`/api/${name}?${query}`, {
    method: "POST", headers: { "X-Qlm-Token": token, "Content-Type": "application/octet-stream" }, body: bytes,
  }));
}

// A download: the bytes the CLI writes, saved by the browser under the server's file name.
export async function download(body) {
  const response = await fetch("/api/download", {
    method: "POST", headers: { "X-Qlm-Token": token, "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) await answer(response);
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = decodeURIComponent((disposition.match(/filename\*=UTF-8''(.+)$/) || [, "download"])[1]);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}
