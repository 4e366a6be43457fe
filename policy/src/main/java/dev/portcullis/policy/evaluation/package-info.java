/**
 * The policy evaluation engine: {@link dev.portcullis.policy.evaluation.CompiledPolicy} compiles a
 * parsed document once, and {@link dev.portcullis.policy.evaluation.Evaluator} decides a {@link
 * dev.portcullis.policy.evaluation.RequestContext} against identity-based, resource-based,
 * permissions boundary, session and service control policies, returning a decision and a trace.
 */
package dev.portcullis.policy.evaluation;
