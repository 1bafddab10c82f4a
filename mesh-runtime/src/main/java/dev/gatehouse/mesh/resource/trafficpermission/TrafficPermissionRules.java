package dev.gatehouse.mesh.resource.trafficpermission;

import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.TagRules;
import dev.gatehouse.mesh.validation.Violations;
import java.util.List;

/** TrafficPermission checks of kumahq/kuma {@code pkg/core/resources/apis/mesh/traffic_permission_validator.go} @v2.14.3. */
public final class TrafficPermissionRules {
    private TrafficPermissionRules() {}

    public static Violations validate(TrafficPermissionSpec tp) {
        Violations v = new Violations();
        v.addAll(selectors(FieldPath.of("sources"), tp.sources()));
        v.addAll(selectors(FieldPath.of("destinations"), tp.destinations()));
        return v;
    }

    /** {@code ValidateSelectors} with RequireAtLeastOneSelector and RequireAtLeastOneTag. */
    private static Violations selectors(FieldPath path, List<TrafficPermissionSpec.Selector> selectors) {
        Violations v = new Violations();
        if (selectors.isEmpty()) {
            v.add(path, "must have at least one element");
        }
        for (int i = 0; i < selectors.size(); i++) {
            TrafficPermissionSpec.Selector s = selectors.get(i);
            v.addAll(TagRules.selector(
                    path.index(i).field("match"),
                    s == null ? null : s.matchOrEmpty(),
                    new TagRules.Options(true, false, null)));
        }
        return v;
    }
}
