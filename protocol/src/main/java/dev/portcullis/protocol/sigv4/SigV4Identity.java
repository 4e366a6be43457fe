package dev.portcullis.protocol.sigv4;

import java.time.Instant;

/**
 * Who signed a request, as proven by a verified SigV4 signature.
 *
 * @param region the Region the request is addressed to ({@link SigningRegions#requested}): the
 *     credential scope's, or us-east-1 for IAM and for the scope {@code aws-global}
 */
public record SigV4Identity(String accessKeyId, String region, String service, Instant signedAt,
    String securityToken) {}
