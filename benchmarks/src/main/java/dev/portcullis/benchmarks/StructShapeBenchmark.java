package dev.portcullis.benchmarks;

import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.query.QueryDecoder;
import dev.portcullis.protocol.query.XmlEncoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's share of an ordinary request, where the shape checks of {@link Struct} run: decode
 * a CreateUser body with two tags and read its members as the handler does, and encode a GetUser
 * response with its tags. Run e.g. {@code java -jar benchmarks/target/benchmarks.jar
 * StructShapeBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StructShapeBenchmark {
  private static final ServiceModel MODEL = ServiceModel.bundled("iam");
  private static final QueryDecoder DECODER = new QueryDecoder(MODEL);
  private static final XmlEncoder ENCODER = new XmlEncoder(MODEL, Set.of("policyDocumentType"));
  private static final Operation GET_USER = MODEL.operation("GetUser").orElseThrow();
  private static final Map<String, String> CREATE_USER = Map.of("Action", "CreateUser",
      "Version", "2010-05-08", "UserName", "ana", "Path", "/team/",
      "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue",
      "Tags.member.2.Key", "cost-center", "Tags.member.2.Value", "1234");
  private static final Struct GET_USER_OUTPUT = Struct.of("User", Struct.of("Path", "/team/",
      "UserName", "ana", "UserId", "AIDAEXAMPLE1234567890",
      "Arn", "arn:aws:iam::123456789012:user/team/ana", "CreateDate", Instant.EPOCH,
      "Tags", List.of(Struct.of("Key", "team", "Value", "blue"),
          Struct.of("Key", "cost-center", "Value", "1234"))));

  /** Decodes CreateUser and reads every member the handler reads. */
  @Benchmark
  public int decodeAndReadCreateUser() {
    Struct in = DECODER.decode("CreateUserRequest", CREATE_USER);
    int n = in.string("UserName").length() + in.string("Path", "/").length();
    if (in.string("PermissionsBoundary") != null) {
      n++;
    }
    for (Struct t : in.<Struct>list("Tags")) {
      n += t.string("Key").length() + t.string("Value", "").length();
    }
    return n;
  }

  /** Encodes a GetUser response with two tags. */
  @Benchmark
  public String encodeGetUser() {
    return ENCODER.response(GET_USER, GET_USER_OUTPUT, "req-1");
  }
}
