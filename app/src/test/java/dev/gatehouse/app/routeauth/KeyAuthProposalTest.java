package dev.gatehouse.app.routeauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.routeauth.KeyAuthProposal.ConsumerKeys;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key-auth plugin "Require key-auth" proposes, from the gateway's schema, and who holds keys. */
class KeyAuthProposalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The config part of Kong's /schemas/plugins/key-auth (kong/plugins/key-auth/schema.lua, 3.9). */
    private static final EntitySchema KEY_AUTH = EntitySchema.parse("key-auth", json("""
            {'fields': [
              {'consumer': {'type': 'foreign', 'reference': 'consumers', 'eq': null}},
              {'protocols': {'type': 'set', 'default': ['grpc','grpcs','http','https']}},
              {'config': {'type': 'record', 'required': true, 'fields': [
                {'key_names': {'type': 'array', 'required': true, 'default': ['apikey'],
                               'elements': {'type': 'string'}}},
                {'hide_credentials': {'type': 'boolean', 'required': true, 'default': false}},
                {'anonymous': {'type': 'string'}},
                {'key_in_header': {'type': 'boolean', 'required': true, 'default': true}},
                {'key_in_query': {'type': 'boolean', 'required': true, 'default': true}},
                {'key_in_body': {'type': 'boolean', 'required': true, 'default': false}},
                {'run_on_preflight': {'type': 'boolean', 'required': true, 'default': true}},
                {'realm': {'type': 'string', 'required': false}}
              ]}}
            ]}
            """));

    private static final JsonNode ROUTE = json("{'id': 'r-1', 'name': 'orders-rt', 'service': {'id': 's-1'}}");

    @Test
    void thePluginIsKeyAuthOnTheRouteWithTheGatewaysDefaults() {
        KeyAuthProposal proposal = KeyAuthProposal.of(ROUTE, Optional.of(KEY_AUTH), List.of(), List.of());
        assertThat(proposal.plugin().path("name").asText()).isEqualTo("key-auth");
        assertThat(proposal.plugin().path("route").path("id").asText()).isEqualTo("r-1");
        assertThat(proposal.plugin().path("config").toString())
                .isEqualTo("{\"key_names\":[\"apikey\"],\"hide_credentials\":false,\"key_in_header\":true,"
                        + "\"key_in_query\":true,\"key_in_body\":false,\"run_on_preflight\":true}");
        // No service, consumer, anonymous or realm: they stay as the gateway's schema has them (null).
        assertThat(proposal.plugin().has("service")).isFalse();
        assertThat(proposal.plugin().path("config").has("anonymous")).isFalse();
        assertThat(proposal.keyName()).contains("apikey");
        assertThat(proposal.defaultsShown()).isTrue();
        assertThat(proposal.routeName()).isEqualTo("orders-rt");
    }

    @Test
    void consumersWithKeysAreCountedAndTheKeysThemselvesAreNotKept() {
        List<JsonNode> consumers = List.of(
                json("{'id': 'c-1', 'username': 'bob'}"),
                json("{'id': 'c-2', 'username': 'alice'}"),
                json("{'id': 'c-3', 'custom_id': 'partner-7'}"),
                json("{'id': 'c-4', 'username': 'nokeys'}"));
        List<JsonNode> credentials = List.of(
                json("{'id': 'k-1', 'key': 'secret-one', 'consumer': {'id': 'c-1'}}"),
                json("{'id': 'k-2', 'key': 'secret-two', 'consumer': {'id': 'c-1'}}"),
                json("{'id': 'k-3', 'key': 'secret-three', 'consumer': {'id': 'c-2'}}"),
                json("{'id': 'k-4', 'key': 'secret-four', 'consumer': {'id': 'c-3'}}"));
        KeyAuthProposal proposal = KeyAuthProposal.of(ROUTE, Optional.of(KEY_AUTH), consumers, credentials);
        assertThat(proposal.consumers())
                .containsExactly(
                        new ConsumerKeys("alice", 1), new ConsumerKeys("bob", 2), new ConsumerKeys("partner-7", 1));
        assertThat(proposal.nobodyCanCall()).isFalse();
        assertThat(proposal.toString()).doesNotContain("secret");
    }

    @Test
    void nobodyCanCallWhenNoConsumerHasAKey() {
        KeyAuthProposal proposal = KeyAuthProposal.of(
                ROUTE, Optional.of(KEY_AUTH), List.of(json("{'id': 'c-1', 'username': 'bob'}")), List.of());
        assertThat(proposal.nobodyCanCall()).isTrue();
    }

    @Test
    void theGatewaysOwnDefaultsAreTheOnesProposed() {
        EntitySchema custom = EntitySchema.parse("key-auth", json("""
                {'fields': [{'config': {'type': 'record', 'fields': [
                  {'key_names': {'type': 'array', 'default': ['x-api-key']}}]}}]}
                """));
        KeyAuthProposal proposal = KeyAuthProposal.of(ROUTE, Optional.of(custom), List.of(), List.of());
        assertThat(proposal.keyName()).contains("x-api-key");
    }

    @Test
    void withoutTheGatewaysSchemaTheConfigIsLeftToTheGateway() {
        KeyAuthProposal proposal = KeyAuthProposal.of(ROUTE, Optional.empty(), List.of(), List.of());
        assertThat(proposal.plugin().toString()).isEqualTo("{\"name\":\"key-auth\",\"route\":{\"id\":\"r-1\"}}");
        assertThat(proposal.defaultsShown()).isFalse();
        assertThat(proposal.keyName()).isEmpty();
    }
}
