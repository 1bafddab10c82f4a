package dev.gatehouse.app.pages.consumers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A consumer's key-auth keys ({@code /consumers/{c}/key-auth}): list, add (typed or generated, optional TTL),
 * delete. Keys are shown masked by the view and never logged.
 */
public final class CredentialsModel {

    private final Messages messages;
    private final DialogService dialogs;
    private final UiTasks tasks;
    private final Supplier<Optional<GatewayRepository>> gateway;
    private final ObjectProperty<ObjectNode> consumer = new SimpleObjectProperty<>(this, "consumer");
    private final ObservableList<ObjectNode> keys = FXCollections.observableArrayList();
    private final StringProperty newKey = new SimpleStringProperty(this, "newKey", "");
    private final StringProperty ttl = new SimpleStringProperty(this, "ttl", "");
    private final StringProperty keyError = new SimpleStringProperty(this, "keyError", "");
    private final StringProperty ttlError = new SimpleStringProperty(this, "ttlError", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    public CredentialsModel(
            Messages messages, DialogService dialogs, UiExecutor ui, Supplier<Optional<GatewayRepository>> gateway) {
        this.messages = messages;
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        this.gateway = gateway;
        consumer.addListener((obs, old, now) -> {
            // Answers still on their way belong to the consumer shown before.
            tasks.dropPending();
            busy.set(false);
            keys.clear();
            newKey.set("");
            ttl.set("");
            clearErrors();
            status.set("");
            if (now != null) {
                reload();
            }
        });
    }

    public ObjectProperty<ObjectNode> consumerProperty() {
        return consumer;
    }

    public ObservableList<ObjectNode> keys() {
        return keys;
    }

    public StringProperty newKeyProperty() {
        return newKey;
    }

    /** Time to live in seconds; empty for a key that never expires. */
    public StringProperty ttlProperty() {
        return ttl;
    }

    public StringProperty keyErrorProperty() {
        return keyError;
    }

    public StringProperty ttlErrorProperty() {
        return ttlError;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    private EntityOwner owner() {
        return new EntityOwner(EntityKind.CONSUMERS, Rows.text(consumer.get(), "id"));
    }

    public void reload() {
        EntityOwner owner = owner();
        gateway.get()
                .ifPresent(g -> tasks.run(
                        "keys",
                        () -> g.listAll(owner, EntityKind.KEY_AUTH_CREDENTIALS),
                        keys::setAll,
                        failure -> status.set(Failures.sentence(messages, failure))));
    }

    /** Command: fill the key field with a new strong key. */
    public void generate() {
        newKey.set(ApiKeyGenerator.generate());
    }

    /** Command: create the key as typed (the gateway generates one when the field is empty). */
    public void create() {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty() || consumer.get() == null) {
            return;
        }
        clearErrors();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!newKey.get().isBlank()) {
            body.put("key", newKey.get().strip());
        }
        if (!ttl.get().isBlank()) {
            try {
                body.put("ttl", Long.parseLong(ttl.get().strip()));
            } catch (NumberFormatException e) {
                ttlError.set(messages.get("credentials.ttl.invalid"));
                return;
            }
        }
        busy.set(true);
        EntityOwner owner = owner();
        tasks.run(
                "create",
                () -> client.get().create(owner, EntityKind.KEY_AUTH_CREDENTIALS, body),
                created -> {
                    busy.set(false);
                    newKey.set("");
                    ttl.set("");
                    keys.add(created);
                    status.set(messages.get("credentials.created"));
                },
                failure -> {
                    busy.set(false);
                    Optional<GatewayException> error = Failures.gatewayError(failure);
                    Map<String, String> fields =
                            error.map(GatewayException::fieldErrors).orElse(Map.of());
                    if (fields.containsKey("key")
                            || error.map(GatewayException::isUniqueViolation).orElse(false)) {
                        keyError.set(
                                error.get().isUniqueViolation()
                                        ? messages.get("credentials.key.taken")
                                        : fields.getOrDefault("key", ""));
                    } else if (fields.containsKey("ttl")) {
                        ttlError.set(fields.get("ttl"));
                    } else {
                        status.set(Failures.sentence(messages, failure));
                    }
                });
    }

    /** Command: delete a key after confirmation (it stops working at once). */
    public void delete(ObjectNode key) {
        Optional<GatewayRepository> client = gateway.get();
        if (client.isEmpty()) {
            return;
        }
        if (!dialogs.confirm(
                messages.get("credentials.delete.title"),
                messages.get("credentials.delete.message", Rows.label(consumer.get())),
                messages.get("action.delete"))) {
            return;
        }
        tasks.run(
                "delete",
                () -> client.get().delete(EntityKind.KEY_AUTH_CREDENTIALS, Rows.text(key, "id")),
                ok -> {
                    keys.remove(key);
                    status.set(messages.get("credentials.deleted"));
                },
                failure -> status.set(Failures.sentence(messages, failure)));
    }

    /** A key as shown before it is revealed: the first four characters, then dots. */
    public static String masked(String key) {
        return key.length() <= 4 ? "\u2022\u2022\u2022\u2022" : key.substring(0, 4) + "\u2022".repeat(12);
    }

    private void clearErrors() {
        keyError.set("");
        ttlError.set("");
    }
}
