package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.MeshEdit;
import java.util.List;

/** The answer to "take one pair out of this policy": the edits that do it, or why it cannot be done. */
public sealed interface Narrowing {

    /** The policy can be narrowed: applying {@code edits} in order stops the pair and keeps what else it allowed. */
    record Narrowed(Method method, List<MeshEdit> edits) implements Narrowing {

        public Narrowed {
            edits = List.copyOf(edits);
        }
    }

    /** It cannot: {@code reason} says why. */
    record NotNarrowable(Reason reason) implements Narrowing {}

    /** How the edits narrow the policy. */
    enum Method {
        /** The policy is rewritten without the pair. */
        REPLACE,
        /** The policy keeps its other destinations; the destination of the pair gets a policy of its own. */
        SPLIT,
        /** The policy stays; a more specific MeshTrafficPermission for the destination denies the source. */
        OVERRIDE,
        /** The policy allowed nothing but the pair, so it is deleted. */
        DELETE
    }

    /** Why a policy cannot be narrowed; each reason is a sentence in the bundle. */
    enum Reason {
        /** Not a TrafficPermission or MeshTrafficPermission. */
        UNSUPPORTED_TYPE("meshpolicy.narrow.no.type"),
        /** A MeshTrafficPermission with {@code rules[]}: clients are matched by SPIFFE ID, not by service. */
        SPIFFE_RULES("meshpolicy.narrow.no.rules"),
        /** Selectors use tags other than {@code kuma.io/service}, so the console cannot tell which pairs they hold. */
        TAG_SELECTORS("meshpolicy.narrow.no.tags"),
        /** A TrafficPermission allows every source, and only a MeshTrafficPermission could deny one of them. */
        WILDCARD_SOURCES("meshpolicy.narrow.no.wildcard"),
        /** Without the source no source is left, and a TrafficPermission needs one. */
        NO_SOURCE_LEFT("meshpolicy.narrow.no.source.left"),
        /** A new policy for the destination would not take precedence over this one (same targetRef kind). */
        SAME_PRECEDENCE("meshpolicy.narrow.no.precedence"),
        /** The policy does not allow the pair. */
        PAIR_NOT_ALLOWED("meshpolicy.narrow.no.pair");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        /** The sentence's key; its arguments are the policy, the source and the destination. */
        public String messageKey() {
            return messageKey;
        }
    }
}
