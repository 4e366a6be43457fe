package dev.portcullis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.protocol.model.ServiceModel;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void errorCodesNamedInTheIamModel_haveTheModelsStatusAndFaultSide() throws Exception {
    ServiceModel iam = ServiceModel.bundled("iam");
    List<String> checked = new ArrayList<>();
    for (Field f : ErrorCode.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ErrorCode.class) {
        continue;
      }
      ErrorCode code = (ErrorCode) f.get(null);
      iam.errorShape(code.code()).ifPresent(shape -> {
        assertThat(code.httpStatus()).as(code.code()).isEqualTo(shape.error().httpStatus());
        assertThat(code.senderFault()).as(code.code()).isEqualTo(shape.error().senderFault());
        checked.add(code.code());
      });
    }

    assertThat(checked).contains("NoSuchEntity", "EntityAlreadyExists", "DeleteConflict",
        "LimitExceeded", "MalformedPolicyDocument", "PasswordPolicyViolation",
        "InvalidAuthenticationCode", "ServiceFailure");
  }
}
