package dev.portcullis.iam.audit;

import java.time.Instant;

/**
 * What a front door knows of a request before anything is decoded: the facts every audit event
 * records, whatever the call's fate.
 *
 * @param tls the TLS connection's details, or null over plain HTTP
 */
public record RequestFacts(String requestId, Instant time, String sourceIp, String userAgent,
    TlsDetails tls) {

  /** CloudTrail's tlsDetails element. */
  public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {}
}
