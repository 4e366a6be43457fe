package dev.portcullis.iam.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a call's input or output as CloudTrail's requestParameters or responseElements: the
 * model's members in lowerCamelCase, nested structures, lists and maps alike, with every
 * secret kept out. What is secret comes from the model ({@code "sensitive": true} on the
 * member's shape) plus {@link #UNMARKED_SECRETS}, the secrets the IAM and STS models leave
 * unmarked.
 */
final class ShapeJson {
  /** What CloudTrail writes in place of a value it hides. */
  static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

  /**
   * Members that carry a secret although their shape is not marked sensitive in the bundled
   * models: STS session tokens (tokenType), MFA codes (authenticationCodeType, tokenCodeType).
   * The marked ones (passwords, secret keys, TOTP seeds and QR codes, private keys, SAML
   * assertions, web-identity tokens, service credentials) are listed too, so that a value the
   * model does not describe (no operation found, a member it lacks) is still hidden by name.
   */
  static final Set<String> UNMARKED_SECRETS = Set.of("SessionToken", "AuthenticationCode1",
      "AuthenticationCode2", "TokenCode", "SecretAccessKey", "Password", "OldPassword",
      "NewPassword", "Base32StringSeed", "QRCodePNG", "SAMLAssertion", "WebIdentityToken",
      "PrivateKey", "ServicePassword", "ServiceCredentialSecret");

  /**
   * The time format CloudTrail uses for timestamps inside requestParameters and
   * responseElements of IAM and STS events ("Dec 4, 2026, 10:00:00 PM", as AWS writes
   * createDate and credentials.expiration), unlike the ISO-8601 of eventTime.
   */
  static final DateTimeFormatter ELEMENT_TIME =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

  private static final Map<String, String> CAMEL = new ConcurrentHashMap<>();

  private ShapeJson() {}

  /** CloudTrail's name for a model member: its first letter in lower case. */
  static String camel(String member) {
    return CAMEL.computeIfAbsent(member, m -> m.isEmpty() ? m
        : Character.toLowerCase(m.charAt(0)) + m.substring(1));
  }

  /**
   * Writes {@code value}, a structure of {@code shape} (null when the model does not know it),
   * as a JSON object. In a request a secret is written as {@link #HIDDEN}, so the record
   * still shows that it was given; in a response it is left out, as CloudTrail leaves out the
   * secretAccessKey of CreateAccessKey and the credentials' secret of AssumeRole.
   */
  static void writeStruct(JsonGenerator g, ServiceModel model, Shape shape, Struct value,
      boolean request) throws IOException {
    Shape.Structure structure = shape instanceof Shape.Structure s ? s : null;
    g.writeStartObject();
    for (Map.Entry<String, Object> e : value.asMap().entrySet()) {
      String name = e.getKey();
      Shape.Member member = structure == null ? null : structure.members().get(name);
      Shape target = member == null || model == null ? null : model.shape(member.target());
      if (isSecret(name, target)) {
        if (request) {
          g.writeStringField(camel(name), HIDDEN);
        }
        continue;
      }
      g.writeFieldName(camel(name));
      writeValue(g, model, target, e.getValue(), request);
    }
    g.writeEndObject();
  }

  static boolean isSecret(String member, Shape target) {
    return UNMARKED_SECRETS.contains(member)
        || target instanceof Shape.Text t && t.sensitive()
        || target instanceof Shape.Blob b && b.sensitive();
  }

  private static void writeValue(JsonGenerator g, ServiceModel model, Shape shape, Object value,
      boolean request) throws IOException {
    if (value instanceof Struct s) {
      writeStruct(g, model, shape, s, request);
    } else if (value instanceof List<?> list) {
      Shape element = shape instanceof Shape.ListOf l && model != null ? model.shape(l.member())
          : null;
      g.writeStartArray();
      for (Object v : list) {
        writeValue(g, model, element, v, request);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      Shape element = shape instanceof Shape.MapOf m && model != null ? model.shape(m.value())
          : null;
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, model, element, e.getValue(), request);
      }
      g.writeEndObject();
    } else if (value instanceof Instant t) {
      g.writeString(ELEMENT_TIME.format(t));
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer n) {
      g.writeNumber(n);
    } else if (value instanceof Long n) {
      g.writeNumber(n);
    } else if (value instanceof byte[] bytes) {
      g.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }
}
