package dev.portcullis.benchmarks;

import dev.portcullis.policy.evaluation.CompiledPolicy;
import dev.portcullis.policy.evaluation.EvaluationInput;
import dev.portcullis.policy.evaluation.EvaluationResult;
import dev.portcullis.policy.evaluation.Evaluator;
import dev.portcullis.policy.evaluation.RequestContext;
import java.util.List;
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
 * One authorization decision for a user with 10 attached policies of 5 statements each (50 in all)
 * or of 50 each (500), cycling through a mix of allowed and denied requests. Run e.g. {@code java
 * -jar benchmarks/target/benchmarks.jar EvaluatorBenchmark -f 1 -wi 2 -i 3 -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {
  private static final int POLICIES = 10;

  @Param({"50", "500"})
  public int statements;

  private EvaluationInput[] inputs;
  private List<CompiledPolicy> policies;
  private List<RequestContext> requests;
  private int next;

  @Setup
  public void setUp() {
    policies = PolicyFixtures.identityPolicies(POLICIES, statements / POLICIES);
    requests = PolicyFixtures.requests();
    inputs = new EvaluationInput[requests.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = EvaluationInput.builder(requests.get(i)).identityPolicies(policies).build();
    }
  }

  /** Evaluation alone, the policies and request already at hand. */
  @Benchmark
  public EvaluationResult evaluate() {
    EvaluationInput input = inputs[next];
    next = (next + 1) % inputs.length;
    return Evaluator.evaluate(input);
  }

  /** Assembling the input for an already-built request, then evaluating it. */
  @Benchmark
  public EvaluationResult assembleAndEvaluate() {
    RequestContext request = requests.get(next);
    next = (next + 1) % inputs.length;
    return Evaluator.evaluate(EvaluationInput.builder(request).identityPolicies(policies).build());
  }
}
