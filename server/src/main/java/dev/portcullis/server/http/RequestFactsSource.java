package dev.portcullis.server.http;

import dev.portcullis.iam.audit.RequestFacts;
import java.time.Clock;
import java.util.function.Supplier;

/** Reads what every audit event records of a request before anything is decoded. */
public final class RequestFactsSource {
  private final Supplier<String> requestIds;
  private final Clock clock;

  public RequestFactsSource(Supplier<String> requestIds, Clock clock) {
    this.requestIds = requestIds;
    this.clock = clock;
  }

  /** A new request id, the server's time, the client's address, user agent and TLS. */
  public RequestFacts of(RawRequest request) {
    RawRequest.Tls tls = request.tls();
    return new RequestFacts(requestIds.get(), clock.instant(), request.remoteAddress(),
        request.header("user-agent"), tls == null ? null : new RequestFacts.TlsDetails(
            tls.protocol(), tls.cipherSuite(), request.header("host")));
  }
}
