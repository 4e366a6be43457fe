package dev.portcullis.protocol.sigv4;

/** Looks up the secret of an access key for signature verification. */
@FunctionalInterface
public interface SecretResolver {
  /**
   * The secret access key of {@code accessKeyId}. Throws the AWS error to answer (such as
   * InvalidClientTokenId) when the key is unknown, inactive or its owner is gone.
   */
  String secretFor(String accessKeyId, String securityToken);
}
