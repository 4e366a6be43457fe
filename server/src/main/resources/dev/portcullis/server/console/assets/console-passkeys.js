// The console pages' passkey buttons: each carries the server's options (data-options), where
// to post the answer (data-url) and the session's CSRF token (data-csrf). A sign-in button
// follows the server's redirect once it has accepted the passkey; a registration button sends
// the name field beside it and reloads the page, which lists the new passkey.
import { registerPasskey, signInWithPasskey } from "./passkeys.js";

function status(text) {
  const out = document.getElementById("passkey-status");
  if (out) {
    out.textContent = text;
  }
}

async function refusal(error) {
  if (error && error.response) {
    try {
      const body = await error.response.json();
      if (body && body.message) {
        return body.message;
      }
    } catch (ignored) {
      // not JSON: the generic words below
    }
  }
  if (error && error.name === "NotAllowedError") {
    return "The passkey request was cancelled or timed out.";
  }
  return (error && error.message) || "The passkey was not accepted.";
}

const signIn = document.getElementById("passkey-signin");
if (signIn) {
  signIn.addEventListener("click", async () => {
    status("Waiting for your passkey...");
    try {
      const response = await signInWithPasskey(signIn.dataset.options, signIn.dataset.url,
        signIn.dataset.csrf);
      window.location.assign(response.url);
    } catch (error) {
      status(await refusal(error));
    }
  });
}

const register = document.getElementById("passkey-register");
if (register) {
  register.addEventListener("click", async () => {
    const name = document.getElementById("passkey-name");
    status("Waiting for your authenticator...");
    try {
      await registerPasskey(register.dataset.options, register.dataset.url,
        register.dataset.csrf, { name: name ? name.value : "" });
      window.location.assign(register.dataset.done);
    } catch (error) {
      status(await refusal(error));
    }
  });
}
