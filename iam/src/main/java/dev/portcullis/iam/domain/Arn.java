package dev.portcullis.iam.domain;

import java.util.Optional;

/** Builds and takes apart IAM ARNs such as {@code arn:aws:iam::123456789012:user/path/name}. */
public final class Arn {
  public static final String PARTITION = "aws";

  private Arn() {}

  /** The ARN of an IAM entity: {@code arn:aws:iam::ACCOUNT:TYPE/PATH/NAME} (path keeps slashes). */
  public static String of(String accountId, String type, String path, String name) {
    return "arn:" + PARTITION + ":iam::" + accountId + ":" + type + path + name;
  }

  /** The account root ARN. */
  public static String root(String accountId) {
    return "arn:" + PARTITION + ":iam::" + accountId + ":root";
  }

  /**
   * The parts of an IAM ARN: account, resource type and the path-qualified name, or empty when
   * the text is not an IAM ARN.
   */
  public static Optional<Parts> parse(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    String[] f = arn.split(":", 6);
    if (f.length != 6 || !f[0].equals("arn") || !f[2].equals("iam") || !f[3].isEmpty()) {
      return Optional.empty();
    }
    String resource = f[5];
    int slash = resource.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String type = resource.substring(0, slash);
    String rest = resource.substring(slash);
    int last = rest.lastIndexOf('/');
    return Optional.of(new Parts(f[1], f[4], type, rest.substring(0, last + 1),
        rest.substring(last + 1)));
  }

  /** The fields of an IAM ARN; {@code path} begins and ends with a slash. */
  public record Parts(String partition, String accountId, String type, String path, String name) {}
}
