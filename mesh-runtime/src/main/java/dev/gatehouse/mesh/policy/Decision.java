package dev.gatehouse.mesh.policy;

/** A permission decision: the verdict, the policy that made it (null when none did) and a human reason. */
public record Decision(Verdict verdict, PolicyRef policy, String reason) {
    public boolean allowed() {
        return verdict.allowed();
    }
}
