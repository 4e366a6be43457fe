// Passkeys in the console: turns the options JSON the server made (WebAuthn Level 3's JSON
// form, binary fields as base64url) into navigator.credentials.create/get calls, and posts
// what the authenticator answered back as JSON. No libraries: served by Portcullis itself.
//
//   import { registerPasskey, signInWithPasskey } from "./passkeys.js";
//   await registerPasskey(optionsJson, "/console/mfa/passkeys", csrfToken, { name: "laptop" });
//   await signInWithPasskey(optionsJson, "/console/sign-in/passkey", csrfToken);
//
// The POST body is {"credential": <PublicKeyCredential as JSON>, ...fields}; the CSRF token
// goes in the X-CSRF-Token header. Each function resolves to the server's Response when it
// answers 2xx and rejects otherwise, or when the person cancels (a DOMException named
// NotAllowedError) or the browser has no WebAuthn.

const CSRF_HEADER = "X-CSRF-Token";

export function toBase64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    text += String.fromCharCode(bytes[i]);
  }
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "===".slice((base64.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes.buffer;
}

function credentialDescriptors(list) {
  return (list || []).map((c) => ({ ...c, id: fromBase64url(c.id) }));
}

/** navigator.credentials.create's publicKey argument from the server's JSON options. */
export function creationOptions(json) {
  const o = typeof json === "string" ? JSON.parse(json) : json;
  return {
    ...o,
    challenge: fromBase64url(o.challenge),
    user: { ...o.user, id: fromBase64url(o.user.id) },
    excludeCredentials: credentialDescriptors(o.excludeCredentials),
  };
}

/** navigator.credentials.get's publicKey argument from the server's JSON options. */
export function requestOptions(json) {
  const o = typeof json === "string" ? JSON.parse(json) : json;
  return {
    ...o,
    challenge: fromBase64url(o.challenge),
    allowCredentials: credentialDescriptors(o.allowCredentials),
  };
}

/** A PublicKeyCredential as RegistrationResponseJSON or AuthenticationResponseJSON. */
export function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64url(r.attestationObject);
    response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64url(r.authenticatorData);
    response.signature = toBase64url(r.signature);
    if (r.userHandle) {
      response.userHandle = toBase64url(r.userHandle);
    }
  }
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: typeof credential.getClientExtensionResults === "function"
      ? credential.getClientExtensionResults() : {},
    authenticatorAttachment: credential.authenticatorAttachment || null,
  };
}

async function post(url, csrfToken, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", [CSRF_HEADER]: csrfToken },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new Error("The server refused the passkey (HTTP " + response.status + ").");
    error.response = response;
    throw error;
  }
  return response;
}

function requireWebAuthn() {
  if (!globalThis.navigator || !navigator.credentials || !globalThis.PublicKeyCredential) {
    throw new Error("This browser does not support passkeys (WebAuthn).");
  }
}

/** Makes a passkey with the server's creation options and posts it to url. */
export async function registerPasskey(optionsJson, url, csrfToken, fields = {}) {
  requireWebAuthn();
  const credential = await navigator.credentials.create({
    publicKey: creationOptions(optionsJson),
  });
  return post(url, csrfToken, { ...fields, credential: credentialJson(credential) });
}

/** Signs the server's challenge with a passkey and posts the assertion to url. */
export async function signInWithPasskey(optionsJson, url, csrfToken, fields = {}) {
  requireWebAuthn();
  const credential = await navigator.credentials.get({ publicKey: requestOptions(optionsJson) });
  return post(url, csrfToken, { ...fields, credential: credentialJson(credential) });
}
