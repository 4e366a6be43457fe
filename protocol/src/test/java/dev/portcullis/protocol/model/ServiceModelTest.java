package dev.portcullis.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceModelTest {
  @Test
  void javaPattern_readsSupplementaryCodePointEscapesAsCodePoints() {
    var p = ServiceModel.javaPattern("[\\u0020-\\u007E\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");

    assertThat(p.matcher("arn:aws:iam::1:role/x\uD83D\uDE00").matches()).isTrue();
    assertThat(p.matcher("0").matches()).isTrue();
    assertThat(p.matcher("\u1000").matches()).isFalse();
  }

  @Test
  void bundledModels_carryOperationsShapesAndErrors() {
    ServiceModel iam = ServiceModel.bundled("iam");
    ServiceModel sts = ServiceModel.bundled("sts");

    assertThat(iam.operations()).hasSize(180);
    assertThat(sts.operations()).hasSize(11);
    assertThat(iam.errorShape("NoSuchEntity").orElseThrow().error().httpStatus()).isEqualTo(404);
    assertThat(iam.paginator("ListUsers").orElseThrow().resultKeys()).containsExactly("Users");
    assertThat(sts.apiVersion()).isEqualTo("2011-06-15");
  }
}
