package dev.portcullis.iam.sts;

import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.protocol.Struct;

/** A freshly issued session with its secret and token in clear, to hand to the client once. */
public record IssuedCredentials(StsSession session, String secretAccessKey,
    String sessionToken) {

  /** The {@code Credentials} structure of the STS responses. */
  public Struct toWire() {
    return Struct.of("AccessKeyId", session.accessKeyId(), "SecretAccessKey", secretAccessKey,
        "SessionToken", sessionToken, "Expiration", session.expiresAt());
  }

  /** Never prints the secret or the token, should this ever reach a log. */
  @Override
  public String toString() {
    return "IssuedCredentials[" + session + "]";
  }
}
