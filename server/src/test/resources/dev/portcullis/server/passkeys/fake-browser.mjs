// A browser in Node for PasskeysScriptTest: runs console/assets/passkeys.js against a fake
// navigator.credentials (answering with a software authenticator's credential, given as
// JSON) and a fake fetch (answering with the status given), then prints what the script did.
// Usage: node fake-browser.mjs PASSKEYS_JS create|get OPTIONS_FILE ANSWER_FILE STATUS
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [, , modulePath, mode, optionsFile, answerFile, status] = process.argv;
const passkeys = await import(pathToFileURL(modulePath).href);
const options = readFileSync(optionsFile, "utf8");
const answer = JSON.parse(readFileSync(answerFile, "utf8"));
const buf = (text) => (text === undefined ? undefined : passkeys.fromBase64url(text));

function credential() {
  const r = answer.response;
  return {
    id: answer.id,
    rawId: buf(answer.rawId),
    type: answer.type,
    authenticatorAttachment: answer.authenticatorAttachment,
    getClientExtensionResults: () => ({}),
    response: {
      clientDataJSON: buf(r.clientDataJSON),
      attestationObject: buf(r.attestationObject),
      authenticatorData: buf(r.authenticatorData),
      signature: buf(r.signature),
      userHandle: r.userHandle ? buf(r.userHandle) : null,
      getTransports: () => r.transports || [],
    },
  };
}

let asked;
Object.defineProperty(globalThis, "navigator", {
  configurable: true,
  value: { credentials: {
    create: async (arg) => { asked = arg.publicKey; return credential(); },
    get: async (arg) => { asked = arg.publicKey; return credential(); },
  } },
});
globalThis.PublicKeyCredential = function PublicKeyCredential() {};
let posted;
globalThis.fetch = async (url, init) => {
  posted = { url, init };
  return { ok: Number(status) < 300, status: Number(status) };
};

const ids = (list) => (list || []).map((c) => {
  if (!(c.id instanceof ArrayBuffer)) throw new Error("credential id is no ArrayBuffer");
  return passkeys.toBase64url(c.id);
});
let outcome = "resolved";
try {
  if (mode === "create") {
    await passkeys.registerPasskey(options, "/console/passkeys", "csrf-123", { name: "laptop" });
  } else {
    await passkeys.signInWithPasskey(options, "/console/sign-in/passkey", "csrf-123");
  }
} catch (e) {
  outcome = "rejected: " + e.message;
}
if (!(asked.challenge instanceof ArrayBuffer)) throw new Error("challenge is no ArrayBuffer");
console.log(JSON.stringify({
  outcome,
  challenge: passkeys.toBase64url(asked.challenge),
  userId: asked.user ? passkeys.toBase64url(asked.user.id) : null,
  credentialIds: ids(asked.excludeCredentials || asked.allowCredentials),
  url: posted.url,
  method: posted.init.method,
  headers: posted.init.headers,
  body: JSON.parse(posted.init.body),
}));
