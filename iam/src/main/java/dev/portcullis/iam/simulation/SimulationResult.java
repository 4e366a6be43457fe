package dev.portcullis.iam.simulation;

import dev.portcullis.policy.evaluation.Decision;
import java.util.List;

/**
 * The result for one action: on one resource, or, when a simulation groups its resources, on
 * all of them together.
 *
 * @param action the action
 * @param resource the resource, or {@code *} for grouped resources
 * @param decision the decision: for grouped resources, a Deny on any resource is an explicit
 *     deny and every resource must be allowed
 * @param outcomes the evaluation per resource (one unless grouped)
 * @param resourcesGiven whether the simulation named its resources
 */
public record SimulationResult(String action, String resource, Decision decision,
    List<ResourceOutcome> outcomes, boolean resourcesGiven) {

  public SimulationResult {
    outcomes = List.copyOf(outcomes);
  }
}
