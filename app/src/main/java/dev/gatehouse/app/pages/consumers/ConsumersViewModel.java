package dev.gatehouse.app.pages.consumers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.entities.EntityPageViewModel;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Consumers page: Kong consumers and, per consumer, its key-auth keys. */
public final class ConsumersViewModel extends EntityPageViewModel {

    private final CredentialsModel credentials;
    private final ObjectProperty<Map<String, Integer>> keyCounts =
            new SimpleObjectProperty<>(this, "keyCounts", Map.of());

    public ConsumersViewModel(
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(ConsumersPage.DESCRIPTOR, EntityKind.CONSUMERS, messages, connection, navigator, dialogs, ui);
        this.credentials = new CredentialsModel(messages, dialogs, ui, this::gateway);
        selectedProperty()
                .addListener((obs, old, now) -> credentials.consumerProperty().set(now));
        // Keys added or deleted on the consumer's panel update its count (and the delete confirmation) at once.
        credentials.keys().addListener((javafx.collections.ListChangeListener<ObjectNode>) change -> {
            ObjectNode owner = credentials.consumerProperty().get();
            if (owner != null) {
                Map<String, Integer> counts = new HashMap<>(keyCounts.get());
                counts.put(Rows.text(owner, "id"), credentials.keys().size());
                keyCounts.set(Map.copyOf(counts));
            }
        });
    }

    public CredentialsModel credentials() {
        return credentials;
    }

    @Override
    public List<javafx.beans.property.StringProperty> notices() {
        return List.of(statusProperty(), credentials.statusProperty());
    }

    /** Number of key-auth keys per consumer id. */
    public ObjectProperty<Map<String, Integer>> keyCountsProperty() {
        return keyCounts;
    }

    public int keyCount(ObjectNode consumer) {
        return keyCounts.get().getOrDefault(Rows.text(consumer, "id"), 0);
    }

    @Override
    protected List<String> searchTexts(ObjectNode row) {
        List<String> texts = new ArrayList<>(List.of(Rows.text(row, "username"), Rows.text(row, "custom_id")));
        texts.addAll(Rows.list(row, "tags"));
        return texts;
    }

    @Override
    protected FormLayout formLayout() {
        // Kong's consumers entity check: at least one of username and custom_id
        // (kong/db/schema/entities/consumers.lua).
        return new FormLayout(
                List.of("username", "custom_id", "tags"),
                FormLayout.AUTO,
                List.of(new FormLayout.FieldGroup("form.group.consumer.identity", List.of("username", "custom_id"))),
                List.of());
    }

    @Override
    public String noun() {
        return messages().get("noun.consumer");
    }

    @Override
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {
        tasks().run(
                        "key-counts",
                        () -> gateway.listAll(EntityKind.KEY_AUTH_CREDENTIALS).thenApply(keys -> {
                            Map<String, Integer> counts = new HashMap<>();
                            keys.forEach(k -> counts.merge(Rows.refId(k, "consumer"), 1, Integer::sum));
                            return Map.copyOf(counts);
                        }),
                        keyCounts::set,
                        this::relatedLoadFailed);
    }

    /** Kong deletes a consumer's credentials with it (keyauth_credentials.consumer on_delete = cascade). */
    @Override
    protected String cascadeNote(List<ObjectNode> rows) {
        int keys = rows.stream().mapToInt(this::keyCount).sum();
        return keys == 0 ? "" : messages().get("consumer.delete.keys", keys);
    }
}
