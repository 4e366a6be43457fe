package dev.portcullis.protocol.sigv4;

import java.time.Instant;

/** Who signed a request, as proven by a verified SigV4 signature. */
public record SigV4Identity(String accessKeyId, String region, String service, Instant signedAt,
    String securityToken) {}
