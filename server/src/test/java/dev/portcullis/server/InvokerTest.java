package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.authz.Authorizer;
import dev.portcullis.iam.invoke.Invocation;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invoker runs a handler only once its caller is authorized, and emits one event per call. */
class InvokerTest {
  private static final Operation LIST_USERS = new Operation("ListUsers", "ListUsersRequest",
      "ListUsersResponse", "ListUsersResult", List.of());
  private static final Caller USER = new Caller.IamUser("123456789012", "AIDAEXAMPLEEXAMPLE01",
      "ann", "arn:aws:iam::123456789012:user/ann", "AKIAEXAMPLEEXAMPLE01", Optional.empty(),
      new Caller.Request("127.0.0.1", false, Instant.parse("2026-12-04T00:00:00Z"), null));
  private final RecordingTrail trail = new RecordingTrail();
  private final AtomicInteger ran = new AtomicInteger();
  private final OperationRegistry registry = new OperationRegistry()
      .register("ListUsers", (caller, in) -> {
        ran.incrementAndGet();
        return Struct.of("Users", List.of());
      });
  private Path dir;
  private JdbcStore store;

  @BeforeEach
  void open() throws Exception {
    dir = Files.createTempDirectory("portcullis-invoker");
    store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("db.sqlite"), null, null);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void invoke_whenTheAuthorizerDenies_neverRunsTheHandlerAndRecordsTheDenial() {
    Authorizer denyAll = (caller, service, operation, input) -> {
      throw new AwsException(ErrorCode.ACCESS_DENIED, "denied");
    };
    Invoker invoker = new Invoker(denyAll, store, trail);

    try (Invocation call = invoker.open(facts("r-denied"))) {
      call.service("iam");
      assertThatThrownBy(() -> call.invoke(USER, registry, LIST_USERS, Struct.of()))
          .isInstanceOfSatisfying(AwsException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    assertThat(ran).hasValue(0);
    assertThat(trail.of("r-denied")).singleElement().satisfies(r -> {
      assertThat(r.call().error().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(r.call().identity().userName()).isEqualTo("ann");
    });
  }

  @Test
  void invoke_whenAuthorized_runsTheHandlerOnceAndRecordsOneEvent() {
    Invoker invoker = new Invoker((caller, service, operation, input) -> { }, store, trail);

    try (Invocation call = invoker.open(facts("r-allowed"))) {
      call.service("iam");
      assertThat(call.invoke(USER, registry, LIST_USERS, Struct.of()).<Struct>list("Users"))
          .isEmpty();
      call.close();
    }

    assertThat(ran).hasValue(1);
    assertThat(trail.of("r-allowed")).singleElement().satisfies(r -> {
      assertThat(r.inTransaction()).isFalse();
      assertThat(r.call().error()).isNull();
      assertThat(r.call().eventSource()).isEqualTo("iam.amazonaws.com");
      assertThat(r.call().region()).isEqualTo("us-east-1");
    });
  }

  @Test
  void invoke_whenTheHandlerWritesTwice_appendsOneEventWithTheFirstWrite() {
    Invoker invoker = new Invoker((caller, service, operation, input) -> { }, store, trail);
    OperationRegistry writing = new OperationRegistry().register("ListUsers", (caller, in) -> {
      store.write(tx -> Struct.of("Users", List.of()));
      return store.write(tx -> Struct.of("Users", List.of()));
    });

    try (Invocation call = invoker.open(facts("r-writes"))) {
      call.service("iam");
      call.invoke(USER, writing, LIST_USERS, Struct.of());
    }

    assertThat(trail.of("r-writes")).singleElement()
        .satisfies(r -> assertThat(r.inTransaction()).isTrue());
  }

  @Test
  void close_whenTheHandlerThrowsAnErrorNoDoorCatches_recordsAServiceFailureNotASuccess() {
    Invoker invoker = new Invoker((caller, service, operation, input) -> { }, store, trail);
    OperationRegistry broken = new OperationRegistry().register("ListUsers", (caller, in) -> {
      throw new LinkageError("a class could not be loaded");
    });

    try (Invocation call = invoker.open(facts("r-error"))) {
      call.service("iam");
      assertThatThrownBy(() -> call.invoke(USER, broken, LIST_USERS, Struct.of()))
          .isInstanceOf(LinkageError.class);
    }

    assertThat(trail.of("r-error")).singleElement().satisfies(r ->
        assertThat(r.call().error().code()).isEqualTo(ErrorCode.SERVICE_FAILURE));
  }

  @Test
  void close_whenNothingReachedTheCore_stillRecordsOneEvent() {
    Invoker invoker = new Invoker((caller, service, operation, input) -> { }, store, trail);

    try (Invocation call = invoker.open(facts("r-early"))) {
      call.fail(new AwsException(ErrorCode.MISSING_ACTION, "Missing Action"));
    }

    assertThat(trail.of("r-early")).singleElement().satisfies(r -> {
      assertThat(r.call().identity().type()).isEqualTo("Unknown");
      assertThat(r.call().error().code()).isEqualTo(ErrorCode.MISSING_ACTION);
    });
  }

  private static RequestFacts facts(String requestId) {
    return new RequestFacts(requestId, Instant.parse("2026-12-04T00:00:00Z"), "127.0.0.1",
        "test", null);
  }
}
