package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.schema.Schema;
import java.util.Map;
import java.util.function.Function;

/**
 * One Admin API call being handled: the request, its path parameters and its arguments. Body arguments from
 * forms and multipart are converted by schema only when an endpoint asks for them with a schema, as Kong's
 * {@code arguments.load} does per endpoint.
 */
final class Call {

    final AdminRequest request;
    final Map<String, String> params;
    final ObjectNode uriArgs;
    final ObjectNode postArgs;
    final boolean jsonBody;
    private final Function<String, Schema> foreign;

    Call(
            AdminRequest request,
            Map<String, String> params,
            ObjectNode uriArgs,
            ObjectNode postArgs,
            boolean jsonBody,
            Function<String, Schema> foreign) {
        this.request = request;
        this.params = params;
        this.uriArgs = uriArgs;
        this.postArgs = postArgs;
        this.jsonBody = jsonBody;
        this.foreign = foreign;
    }

    String param(String name) {
        return params.get(name);
    }

    /** Body arguments for this schema: JSON as sent, forms converted by field type. */
    ObjectNode post(Schema schema) {
        ObjectNode copy = postArgs.deepCopy();
        return jsonBody ? copy : ArgDecoder.infer(copy, schema, foreign);
    }

    /** Query arguments converted by the schema's field types. */
    ObjectNode uri(Schema schema) {
        return ArgDecoder.infer(uriArgs.deepCopy(), schema, foreign);
    }

    JsonNode uriArg(String name) {
        return uriArgs.get(name);
    }
}
