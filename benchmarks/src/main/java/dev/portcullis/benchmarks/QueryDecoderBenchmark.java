package dev.portcullis.benchmarks;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.query.QueryDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a Query body of 64 KiB to 1 MiB made of list members: TagUser's {@code Tags} (at most
 * 50 members, so the decoder can stop early) and SimulateCustomPolicy's {@code ContextEntries}
 * (no maximum, so every member is decoded). Members are numbered from the highest down, as an
 * attacker would send them. Run e.g. {@code java -jar benchmarks/target/benchmarks.jar
 * QueryDecoderBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class QueryDecoderBenchmark {
  private static final QueryDecoder IAM = new QueryDecoder(ServiceModel.bundled("iam"));

  @Param({"65536", "262144", "1048576"})
  public int bodyBytes;

  private Map<String, String> tagUser;
  private Map<String, String> simulate;

  @Setup
  public void setUp() {
    tagUser = QueryBodies.listBody(Map.of("UserName", "ana"), "Tags",
        i -> Map.of("Key", "k" + i, "Value", "v"), bodyBytes);
    simulate = QueryBodies.listBody(Map.of("PolicyInputList.member.1", "{}",
        "ActionNames.member.1", "s3:GetObject"), "ContextEntries",
        i -> Map.of("ContextKeyName", "aws:k" + i, "ContextKeyType", "string",
            "ContextKeyValues.member.1", "v"), bodyBytes);
  }

  /** Answers ValidationError (too many tags) once the 51st member is read. */
  @Benchmark
  public Object tagUserTooManyTags() {
    try {
      return IAM.decode("TagUserRequest", tagUser);
    } catch (AwsException e) {
      return e;
    }
  }

  /** Decodes every member: the list has no maximum length. */
  @Benchmark
  public Object simulateCustomPolicyContextEntries() {
    return IAM.decode("SimulateCustomPolicyRequest", simulate);
  }

  /** Query parameters of a form body of about a given size, as the server parses them. */
  static final class QueryBodies {
    private QueryBodies() {}

    static Map<String, String> listBody(Map<String, String> fixed, String list,
        java.util.function.IntFunction<Map<String, String>> member, int bytes) {
      int perMember = 0;
      for (var e : member.apply(1).entrySet()) {
        perMember += list.length() + ".member.1.".length() + e.getKey().length() + 2
            + e.getValue().length() + 6;
      }
      int members = Math.max(1, bytes / perMember);
      Map<String, String> params = new LinkedHashMap<>(fixed);
      for (int i = members; i >= 1; i--) {
        for (var e : member.apply(i).entrySet()) {
          params.put(list + ".member." + i + "." + e.getKey(), e.getValue());
        }
      }
      return params;
    }
  }
}
