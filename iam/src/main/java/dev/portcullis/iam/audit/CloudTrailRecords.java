package dev.portcullis.iam.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the audit event of a call: its CloudTrail record (the fields of the CloudTrail User
 * Guide's "CloudTrail record contents" page, eventVersion 1.11) written with Jackson's
 * streaming generator, and the fields LookupEvents filters on.
 */
public final class CloudTrailRecords {
  /** The record format's version, as the CloudTrail User Guide gives it as current. */
  static final String EVENT_VERSION = "1.11";
  private static final JsonFactory JSON = new JsonFactory();
  /** One text buffer per thread, kept from record to record (a record is 1 to 3 KB). */
  private static final ThreadLocal<RecordWriter> WRITERS =
      ThreadLocal.withInitial(RecordWriter::new);
  private final Map<String, ServiceModel> modelsBySource;

  /**
   * Records for calls to the services of {@code modelsBySource} (eventSource to its model,
   * e.g. iam.amazonaws.com to the IAM model); a source without a model is recorded by member
   * names alone.
   */
  public CloudTrailRecords(Map<String, ServiceModel> modelsBySource) {
    this.modelsBySource = Map.copyOf(modelsBySource);
  }

  /** The event of {@code call}, with a new event id. */
  public AuditEvent event(CallRecord call) {
    String eventId = newEventId();
    boolean readOnly = ReadOnlyCalls.isReadOnly(call.eventSource(), call.eventName());
    UserIdentity who = call.identity();
    String account = AuditResources.accountId(call.recipientAccountId(),
        who == null ? null : who.accountId());
    String errorCode = call.error() == null ? null : call.error().code().code();
    return new AuditEvent(eventId, call.facts().time(), account, call.eventSource(),
        eventName(call), AuditResources.username(who), who == null ? null : who.arn(),
        who == null ? null : who.accessKeyId(), readOnly, errorCode, call.facts().sourceIp(),
        AuditResources.of(call.input(), call.output()), record(call, eventId, readOnly));
  }

  /** The operation's name, or what the caller asked for (bounded) when no model has it. */
  private static String eventName(CallRecord call) {
    return CallerText.bounded(call.eventName(), CallerText.MAX_EVENT_NAME);
  }

  private String record(CallRecord call, String eventId, boolean readOnly) {
    ServiceModel model = modelsBySource.get(call.eventSource());
    Operation op = call.operation();
    RequestFacts facts = call.facts();
    RecordWriter out = WRITERS.get();
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("eventVersion", EVENT_VERSION);
      writeIdentity(g, call.identity());
      g.writeStringField("eventTime", iso(facts.time()));
      g.writeStringField("eventSource", call.eventSource());
      g.writeStringField("eventName", eventName(call));
      g.writeStringField("awsRegion", call.region());
      g.writeStringField("sourceIPAddress", facts.sourceIp());
      g.writeStringField("userAgent", CallerText.bounded(facts.userAgent(),
          CallerText.MAX_FIELD));
      if (call.error() != null) {
        g.writeStringField("errorCode", call.error().code().code());
        g.writeStringField("errorMessage", CallerText.errorMessage(call.error().getMessage()));
      }
      if (call.signIn() != null) {
        writeSignIn(g, eventName(call), call.signIn());
      } else {
        writeCall(g, model, op, call, readOnly);
      }
      g.writeStringField("requestID", facts.requestId());
      g.writeStringField("eventID", eventId);
      g.writeBooleanField("readOnly", readOnly);
      g.writeStringField("eventType", call.eventType() == null ? "AwsApiCall" : call.eventType());
      g.writeBooleanField("managementEvent", true);
      g.writeStringField("recipientAccountId", call.recipientAccountId());
      g.writeStringField("eventCategory", "Management");
      if (facts.tls() != null) {
        g.writeObjectFieldStart("tlsDetails");
        g.writeStringField("tlsVersion", facts.tls().tlsVersion());
        g.writeStringField("cipherSuite", facts.tls().cipherSuite());
        g.writeStringField("clientProvidedHostHeader", CallerText.bounded(
            facts.tls().clientProvidedHostHeader(), CallerText.MAX_FIELD));
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeCall(JsonGenerator g, ServiceModel model, Operation op,
      CallRecord call, boolean readOnly) throws IOException {
    g.writeFieldName("requestParameters");
    writeElements(g, model, op == null ? null : op.input(), call.input(), true);
    g.writeFieldName("responseElements");
    // CloudTrail copies what a call returns only for calls that change something and for
    // the credentials STS issues; a read (GetUser, ListUsers) has null responseElements.
    boolean response = call.error() == null && call.output() != null
        && (!readOnly || call.output().has("Credentials"));
    writeElements(g, model, op == null ? null : op.output(), response ? call.output() : null,
        false);
  }

  /** A sign-in event's fields (ConsoleLogin, PasswordUpdated), as {@link ConsoleSignIn} says. */
  private static void writeSignIn(JsonGenerator g, String eventName, ConsoleSignIn signIn)
      throws IOException {
    if (!signIn.success()) {
      g.writeStringField("errorMessage", ConsoleSignIn.FAILED);
    }
    g.writeNullField("requestParameters");
    g.writeObjectFieldStart("responseElements");
    // {"ConsoleLogin": ...}, or {"PasswordUpdated": ...} for root's password change.
    g.writeStringField(eventName, signIn.success() ? "Success" : "Failure");
    g.writeEndObject();
    g.writeObjectFieldStart("additionalEventData");
    g.writeStringField("LoginTo", signIn.loginTo());
    g.writeStringField("MobileVersion", "No");
    optional(g, "MFAIdentifier", signIn.mfaIdentifier());
    g.writeStringField("MFAUsed", signIn.mfaUsed() ? "Yes" : "No");
    optional(g, "Reason", signIn.reason());
    g.writeEndObject();
  }

  private static void writeElements(JsonGenerator g, ServiceModel model, String shapeName,
      Struct value, boolean request) throws IOException {
    if (value == null || value.asMap().isEmpty()) {
      g.writeNull();
      return;
    }
    Shape shape = model == null || shapeName == null ? null : model.shape(shapeName);
    ShapeJson.writeStruct(g, model, shape, value, request);
  }

  /** CloudTrail's userIdentity element; absent fields stay absent. */
  private static void writeIdentity(JsonGenerator g, UserIdentity who) throws IOException {
    g.writeObjectFieldStart("userIdentity");
    if (who != null) {
      optional(g, "type", who.type());
      optional(g, "principalId", who.principalId());
      optional(g, "arn", who.arn());
      optional(g, "accountId", who.accountId());
      optional(g, "accessKeyId", who.accessKeyId());
      optional(g, "userName", who.userName());
      UserIdentity.SessionContext session = who.sessionContext();
      if (session != null) {
        g.writeObjectFieldStart("sessionContext");
        UserIdentity.SessionIssuer issuer = session.sessionIssuer();
        if (issuer != null) {
          g.writeObjectFieldStart("sessionIssuer");
          optional(g, "type", issuer.type());
          optional(g, "principalId", issuer.principalId());
          optional(g, "arn", issuer.arn());
          optional(g, "accountId", issuer.accountId());
          optional(g, "userName", issuer.userName());
          g.writeEndObject();
        }
        g.writeObjectFieldStart("attributes");
        if (session.creationDate() != null) {
          g.writeStringField("creationDate", iso(session.creationDate()));
        }
        // A string in CloudTrail's records, not a JSON boolean.
        g.writeStringField("mfaAuthenticated", Boolean.toString(session.mfaAuthenticated()));
        g.writeEndObject();
        optional(g, "sourceIdentity", session.sourceIdentity());
        g.writeEndObject();
      }
      optional(g, "invokedBy", who.invokedBy());
      optional(g, "identityProvider", who.identityProvider());
    }
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  /**
   * A new event id: a time-ordered UUID (version 7 of RFC 9562: the epoch milliseconds, then
   * 74 random bits from the thread's random generator). Ids made one after another sort one
   * after another, so the trail's unique index of event ids grows at its end, one page
   * written per batch, where a random (version 4) id dirtied a page of its own for almost
   * every event. An event id names an event and guards nothing (the time it shows is the
   * record's eventTime); {@link UUID#randomUUID}'s shared SecureRandom would make every
   * request thread take one lock.
   */
  public static String newEventId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(msb, lsb).toString();
  }

  /** A writer into an unsynchronized builder (StringWriter locks on every write). */
  private static final class RecordWriter extends Writer {
    private final StringBuilder text = new StringBuilder(4096);

    void reset() {
      // A rare huge record (a long policy document) would otherwise stay on the thread.
      if (text.capacity() > 65_536) {
        text.setLength(0);
        text.trimToSize();
        text.ensureCapacity(4096);
      }
      text.setLength(0);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
      text.append(s, offset, offset + length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** ISO-8601 in UTC to the second with a Z, as eventTime is written. */
  static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
