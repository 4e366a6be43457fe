package dev.portcullis.protocol.model;

import java.util.List;

/**
 * One operation of a service model.
 *
 * @param input the input structure's name, or null when the operation takes no input
 * @param output the output structure's name, or null when the operation returns nothing
 * @param resultWrapper the element that wraps the output in the response, or null
 * @param errors the names of the exception shapes the operation declares
 * @param authType the model's {@code authtype}: {@code none} for the calls AWS takes unsigned
 *     (STS AssumeRoleWithSAML and AssumeRoleWithWebIdentity), else null
 */
public record Operation(String name, String input, String output, String resultWrapper,
    List<String> errors, String authType) {

  /** An operation signed as usual. */
  public Operation(String name, String input, String output, String resultWrapper,
      List<String> errors) {
    this(name, input, output, resultWrapper, errors, null);
  }

  /** Whether the model marks the operation as taken without a signature. */
  public boolean unauthenticated() {
    return "none".equals(authType);
  }
}
