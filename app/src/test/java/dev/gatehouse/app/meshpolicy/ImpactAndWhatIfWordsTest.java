package dev.gatehouse.app.meshpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sentences of the impact preview and of what-if, from matrices as the repository gives them (the seed mesh:
 * gateway, demo-app, redis).
 */
class ImpactAndWhatIfWordsTest {

    private static final List<String> SEED = List.of("demo-app", "gateway", "redis");
    private static final PolicyRef ALLOW_ALL = new PolicyRef("TrafficPermission", "allow-all-default");

    private final Messages messages = new Messages(Locale.ROOT);
    private final ImpactPreview impact = new ImpactPreview(null, messages);
    private final WhatIf whatIf = new WhatIf(null, messages);

    private static PermissionMatrix matrix(boolean mtls, Access access, Optional<PolicyRef> policy, String rule) {
        List<ServiceAccess> pairs = new ArrayList<>();
        for (String source : SEED) {
            for (String destination : SEED) {
                if (!source.equals(destination)) {
                    pairs.add(new ServiceAccess(source, destination, access, policy, rule));
                }
            }
        }
        return new PermissionMatrix("default", mtls, PermissionMatrix.Source.CONSOLE_ENGINE, SEED, pairs);
    }

    @Test
    void deletingAllowAllWithMtlsOnNamesEveryPairThatLosesAccess() {
        PermissionMatrix before = matrix(true, Access.ALLOWED_BY_ALLOW_ALL, Optional.of(ALLOW_ALL), "");
        PermissionMatrix after = matrix(true, Access.DENIED, Optional.empty(), "");

        PermissionImpact result = impact.between(before, after);

        assertThat(result.deniesSomething()).isTrue();
        assertThat(result.newlyDenied()).hasSize(6);
        assertThat(result.newlyAllowed()).isEmpty();
        assertThat(result.sentence())
                .startsWith("6 pairs lose access: demo-app \u2192 gateway, demo-app \u2192 redis")
                .endsWith("\u2026 and 1 more.");
    }

    @Test
    void turningMtlsOnWithAllowAllChangesNoAccess() {
        PermissionMatrix before = matrix(false, Access.NOT_ENFORCED, Optional.empty(), "");
        PermissionMatrix after = matrix(true, Access.ALLOWED_BY_ALLOW_ALL, Optional.of(ALLOW_ALL), "");

        PermissionImpact result = impact.between(before, after);

        assertThat(result.deniesSomething()).isFalse();
        assertThat(result.sentence()).isEqualTo("No pair changes access.");
        PermissionMatrix zeroTrust = matrix(true, Access.DENIED, Optional.empty(), "");
        assertThat(impact.between(zeroTrust, before).sentence()).startsWith("6 pairs gain access: ");
    }

    @Test
    void whatIfSaysWhoAllowsAndWhy() {
        PolicyRef policy = new PolicyRef("MeshTrafficPermission", "allow-gateway-to-all");
        ServiceAccess access = new ServiceAccess(
                "gateway",
                "demo-app",
                Access.ALLOWED,
                Optional.of(policy),
                "from MeshSubset kuma.io/service=gateway: Allow");
        WhatIfAnswer answer = whatIf.answer(matrix(true, Access.DENIED, Optional.empty(), ""), access);

        assertThat(answer.allowed()).isTrue();
        assertThat(answer.policy()).contains(policy);
        assertThat(answer.sentence())
                .isEqualTo("allowed by MeshTrafficPermission allow-gateway-to-all"
                        + " (from MeshSubset kuma.io/service=gateway: Allow)");
    }

    @Test
    void whatIfSaysWhyAPairIsDeniedOrNotEnforced() {
        PermissionMatrix zeroTrust = matrix(true, Access.DENIED, Optional.empty(), "");
        assertThat(whatIf.answer(zeroTrust, zeroTrust.pair("redis", "gateway").orElseThrow())
                        .sentence())
                .isEqualTo("denied: no policy allows redis \u2192 gateway while mTLS is on");

        PermissionMatrix open = matrix(false, Access.NOT_ENFORCED, Optional.empty(), "");
        assertThat(whatIf.answer(open, open.pair("redis", "gateway").orElseThrow())
                        .sentence())
                .isEqualTo("allowed: mTLS is off in mesh default, so traffic permissions are not enforced");

        PermissionMatrix allowAll = matrix(true, Access.ALLOWED_BY_ALLOW_ALL, Optional.of(ALLOW_ALL), "");
        assertThat(whatIf.answer(allowAll, allowAll.pair("redis", "gateway").orElseThrow())
                        .sentence())
                .startsWith("allowed by TrafficPermission allow-all-default, which lets every service");
    }

    @Test
    void whatIfFromTheControlPlanesDecision() {
        PermissionDecision denied = new PermissionDecision(
                "redis",
                "gateway",
                false,
                "Deny",
                Optional.of(new PolicyRef("MeshTrafficPermission", "deny-redis-to-gateway")),
                "from {kuma.io/service=redis} \u2192 Deny");
        assertThat(whatIf.answer(denied).sentence())
                .isEqualTo("denied by MeshTrafficPermission deny-redis-to-gateway"
                        + " (from {kuma.io/service=redis} \u2192 Deny)");
    }
}
