package dev.portcullis.server.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.Passkey;
import dev.portcullis.iam.mfa.passkeys.PasskeyCeremonies;
import dev.portcullis.iam.mfa.passkeys.PasskeyOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's passkeys.js, run by Node against a fake browser whose authenticator is the
 * software one: the options it passes to WebAuthn carry the server's bytes, and what it posts
 * passes the server's verification unchanged.
 */
class PasskeysScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @BeforeAll
  static void requireNode() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")),
        "Node.js runs the browser module's test");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PasskeysScriptTest.class.getResource(name).toURI());
  }

  private JsonNode run(String mode, String options, String answer, int status)
      throws Exception {
    Path optionsFile = Files.writeString(dir.resolve("options.json"), options);
    Path answerFile = Files.writeString(dir.resolve("answer.json"), answer);
    Process node = new ProcessBuilder("/usr/bin/node", resource("fake-browser.mjs").toString(),
        resource("/dev/portcullis/server/console/assets/passkeys.js").toString(), mode,
        optionsFile.toString(), answerFile.toString(), Integer.toString(status))
        .redirectErrorStream(true).start();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(out).isZero();
    return JSON.readTree(out);
  }

  private static String text(JsonNode node) throws IOException {
    return JSON.writeValueAsString(node);
  }

  @Test
  void registerPasskey_postsACredentialTheServerVerifies() throws Exception {
    SoftwareAuthenticator key = new SoftwareAuthenticator(PasskeyCeremoniesTest.ORIGIN);
    Passkey existing = PasskeyCeremoniesTest.register(new SoftwareAuthenticator(
        PasskeyCeremoniesTest.ORIGIN));
    byte[] challenge = PasskeyCeremoniesTest.challenge();
    String options = PasskeyOptions.creation(PasskeyCeremoniesTest.RP,
        PasskeyCeremoniesTest.ANN, List.of(existing), challenge);

    JsonNode out = run("create", options, key.create(options), 200);

    assertThat(out.path("outcome").asText()).isEqualTo("resolved");
    assertThat(SoftwareAuthenticator.decode(out.path("challenge").asText()))
        .isEqualTo(challenge);
    assertThat(out.path("userId").asText()).isEqualTo(
        JSON.readTree(options).at("/user/id").asText());
    assertThat(out.path("credentialIds").get(0).asText()).isEqualTo(existing.credentialId());
    assertThat(out.path("url").asText()).isEqualTo("/console/passkeys");
    assertThat(out.path("method").asText()).isEqualTo("POST");
    assertThat(out.at("/headers/X-CSRF-Token").asText()).isEqualTo("csrf-123");
    assertThat(out.at("/body/name").asText()).isEqualTo("laptop");
    Passkey made = PasskeyCeremonies.verifyRegistration(PasskeyCeremoniesTest.RP,
        PasskeyCeremoniesTest.ORIGIN, challenge, PasskeyCeremoniesTest.ANN,
        text(out.at("/body/credential")), "laptop", PasskeyCeremoniesTest.SERIAL, Instant.EPOCH);
    assertThat(made.credentialId()).isEqualTo(key.credentialIdBase64url());
    assertThat(made.transports()).containsExactly("usb");
  }

  @Test
  void signInWithPasskey_postsAnAssertionTheServerVerifies() throws Exception {
    SoftwareAuthenticator key = new SoftwareAuthenticator(PasskeyCeremoniesTest.ORIGIN);
    Passkey passkey = PasskeyCeremoniesTest.register(key);
    byte[] challenge = PasskeyCeremoniesTest.challenge();
    String options = PasskeyOptions.request(PasskeyCeremoniesTest.RP, List.of(passkey),
        challenge);

    JsonNode out = run("get", options, key.get(options), 200);

    assertThat(out.path("outcome").asText()).isEqualTo("resolved");
    assertThat(out.path("credentialIds").get(0).asText()).isEqualTo(passkey.credentialId());
    assertThat(out.at("/headers/X-CSRF-Token").asText()).isEqualTo("csrf-123");
    assertThat(PasskeyCeremonies.verifyAssertion(PasskeyCeremoniesTest.RP,
        PasskeyCeremoniesTest.ORIGIN, challenge, text(out.at("/body/credential")), passkey))
        .isEqualTo(1);
  }

  @Test
  void signInWithPasskey_whenTheServerRefuses_rejectsWithItsStatus() throws Exception {
    SoftwareAuthenticator key = new SoftwareAuthenticator(PasskeyCeremoniesTest.ORIGIN);
    Passkey passkey = PasskeyCeremoniesTest.register(key);
    String options = PasskeyOptions.request(PasskeyCeremoniesTest.RP, List.of(passkey),
        PasskeyCeremoniesTest.challenge());

    JsonNode out = run("get", options, key.get(options), 403);

    assertThat(out.path("outcome").asText())
        .isEqualTo("rejected: The server refused the passkey (HTTP 403).");
  }
}
