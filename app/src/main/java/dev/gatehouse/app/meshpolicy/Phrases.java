package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;

/** The small phrases the mesh-policy sentences are made of: a pair, a policy, a short list of pairs. */
public final class Phrases {

    /** How many pairs a sentence names before it says "and N more". */
    static final int PAIRS_NAMED = 5;

    private final Messages messages;

    public Phrases(Messages messages) {
        this.messages = messages;
    }

    public String pair(String source, String destination) {
        return messages.get("meshpolicy.pair", source, destination);
    }

    public String pair(ServiceAccess access) {
        return pair(access.source(), access.destination());
    }

    public String policy(PolicyRef policy) {
        return messages.get("meshpolicy.policy", policy.type(), policy.name());
    }

    public String policy(String type, String name) {
        return policy(new PolicyRef(type, name));
    }

    /** "a → b, c → d" and, past {@link #PAIRS_NAMED}, "… and 3 more". */
    public String pairs(List<ServiceAccess> pairs) {
        List<String> named = pairs.stream().limit(PAIRS_NAMED).map(this::pair).toList();
        String list = String.join(messages.get("meshpolicy.list.separator"), named);
        return pairs.size() > PAIRS_NAMED
                ? messages.get("meshpolicy.list.more", list, pairs.size() - PAIRS_NAMED)
                : list;
    }
}
