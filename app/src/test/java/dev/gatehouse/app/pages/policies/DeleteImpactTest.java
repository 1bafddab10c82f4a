package dev.gatehouse.app.pages.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pairs a change cuts off: allowed before (by any means), denied after; nothing else. */
class DeleteImpactTest {

    private static ServiceAccess pair(String from, String to, Access access) {
        return new ServiceAccess(from, to, access, Optional.empty(), "");
    }

    private static PermissionMatrix matrix(ServiceAccess... pairs) {
        return new PermissionMatrix(
                "default", true, PermissionMatrix.Source.CONTROL_PLANE, List.of("a", "b", "c"), List.of(pairs));
    }

    @Test
    void namesOnlyThePairsThatGoFromAllowedToDenied() {
        PermissionMatrix before = matrix(
                pair("a", "b", Access.ALLOWED),
                pair("b", "c", Access.ALLOWED_BY_ALLOW_ALL),
                pair("c", "a", Access.DENIED),
                pair("a", "c", Access.ALLOWED));
        PermissionMatrix after = matrix(
                pair("a", "b", Access.DENIED),
                pair("b", "c", Access.DENIED),
                pair("c", "a", Access.DENIED),
                pair("a", "c", Access.ALLOWED));
        assertThat(DeleteImpact.between(before, after).pairNames()).containsExactly("a \u2192 b", "b \u2192 c");
    }

    @Test
    void withoutMtlsNothingIsEnforcedSoNothingIsCutOff() {
        PermissionMatrix open = matrix(pair("a", "b", Access.NOT_ENFORCED));
        assertThat(DeleteImpact.between(open, open).newlyDenied()).isEmpty();
    }
}
