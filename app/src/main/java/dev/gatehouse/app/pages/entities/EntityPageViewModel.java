package dev.gatehouse.app.pages.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.form.EntityRef;
import dev.gatehouse.app.form.ForeignFormField;
import dev.gatehouse.app.form.FormField;
import dev.gatehouse.app.form.FormLayout;
import dev.gatehouse.app.form.SchemaFormModel;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.SchemaField;
import dev.gatehouse.app.search.FuzzyMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * What the Services, Routes, Consumers and Plugins pages share: the whole list loaded page by page in the
 * background, an instant filter (substring matches, else fuzzy ones), a selection that is always a visible row,
 * create and edit through a form generated from the gateway's
 * schema, bulk delete and bulk tag edits. Subclasses say which entity, which fields to search and how to lay out
 * the form.
 */
public abstract class EntityPageViewModel extends PageViewModel {

    private final EntityKind kind;
    private final DialogService dialogs;
    private final UiTasks tasks;
    private final ObservableList<ObjectNode> items = FXCollections.observableArrayList();
    private final FilteredList<ObjectNode> filtered = new FilteredList<>(items);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty loadError = new SimpleStringProperty(this, "loadError", "");
    /** Why this connection does not offer this kind at all (a Kubernetes connection's upstreams); empty if it does. */
    private final StringProperty unavailable = new SimpleStringProperty(this, "unavailable", "");
    /** The gateway's own reason for {@link #unavailable}. */
    private final StringProperty unavailableReason = new SimpleStringProperty(this, "unavailableReason", "");

    private final ObjectProperty<ObjectNode> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<SchemaFormModel> form = new SimpleObjectProperty<>(this, "form");
    /** The entity the open form edits, as it was when the form opened; null for a new one. */
    private ObjectNode editing;

    private final BooleanProperty saving = new SimpleBooleanProperty(this, "saving");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final LongProperty lastFilterMicros = new SimpleLongProperty(this, "lastFilterMicros");
    private final SchemaCache schemas = new SchemaCache();
    private final KongLoadedViewModel loaded;

    protected EntityPageViewModel(
            PageDescriptor page,
            EntityKind kind,
            Messages messages,
            ActiveConnection connection,
            Consumer<PageId> navigator,
            DialogService dialogs,
            UiExecutor ui) {
        super(page, messages, connection, navigator);
        this.kind = kind;
        this.dialogs = dialogs;
        this.tasks = new UiTasks(ui);
        this.loaded = new KongLoadedViewModel(messages, connection, ui);
        filter.addListener((obs, old, now) -> applyFilter());
        // Which rows match "as substrings" depends on all rows, so a new list is filtered anew.
        items.addListener((javafx.collections.ListChangeListener<ObjectNode>) change -> {
            if (tokens().length > 0) {
                applyFilter();
            }
        });
        filtered.addListener((javafx.collections.ListChangeListener<ObjectNode>) change -> keepSelectionVisible());
        connection.apisProperty().addListener((obs, old, now) -> {
            // Whatever is still on its way comes from the connection just left.
            tasks.dropPending();
            loading.set(false);
            saving.set(false);
            loadError.set("");
            unavailable.set("");
            schemas.clear();
            items.clear();
            selected.set(null);
            form.set(null);
            if (now != null) {
                reload();
            }
        });
    }

    /** Every loaded entity. */
    public ObservableList<ObjectNode> items() {
        return items;
    }

    /** The entities that match the filter; the table shows these. */
    public FilteredList<ObjectNode> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    public ObjectProperty<ObjectNode> selectedProperty() {
        return selected;
    }

    /**
     * A sentence saying that this connection does not offer this page's kind of entity; empty while it does. The page shows it in place of the table rather than an error or a spinner.
     */
    public StringProperty unavailableProperty() {
        return unavailable;
    }

    /** Why the kind is not offered, in the gateway's words (Kong's "Not found", the Kubernetes connection's). */
    public StringProperty unavailableReasonProperty() {
        return unavailableReason;
    }

    /** What people call an entity of this page: its name by default; a certificate by its subject. */
    public String label(ObjectNode row) {
        return Rows.label(row);
    }

    /** The plural noun for sentences ("routes"). */
    public String nounPlural() {
        return noun() + "s";
    }

    /** Shows a failed load: the kind is not offered here, or something went wrong this time. */
    private void loadFailed(Throwable failure) {
        Optional<dev.gatehouse.app.repository.gateway.GatewayException> refused = Failures.gatewayError(failure);
        if (refused.isPresent() && refused.get().isNotOffered()) {
            items.clear();
            loadError.set("");
            unavailable.set(messages().get("entity.unavailable", nounPlural()));
            unavailableReason.set(refused.get().getMessage());
        } else {
            loadError.set(Failures.sentence(messages(), failure));
        }
    }

    /** The open create/edit form, or null. */
    public ObjectProperty<SchemaFormModel> formProperty() {
        return form;
    }

    public BooleanProperty savingProperty() {
        return saving;
    }

    /** The outcome of the last action ("Created route …", "Deleted 3 routes"). */
    public StringProperty statusProperty() {
        return status;
    }

    /** How long the last filter pass over the whole list took, in microseconds. */
    public LongProperty lastFilterMicrosProperty() {
        return lastFilterMicros;
    }

    /** The strings the filter looks in: name, hosts, paths, tags, ... */
    protected abstract List<String> searchTexts(ObjectNode row);

    /** Which schema fields the form shows first, and which it hides. */
    protected abstract FormLayout formLayout();

    /** The singular noun for messages ("route"). */
    public abstract String noun();

    /** What else goes when these are deleted, for the confirmation ("and its 3 routes"); empty when nothing. */
    protected String cascadeNote(List<ObjectNode> rows) {
        return "";
    }

    /** The schema the form is generated from. */
    protected CompletableFuture<List<SchemaField>> formSchema(GatewayRepository gateway) {
        return schemas.entity(gateway, kind).thenApply(EntitySchema::fields);
    }

    /** Adjusts the body of a create (for example the plugin's name). */
    protected ObjectNode completeCreateBody(ObjectNode body) {
        return body;
    }

    /** The gateway of the active connection, if it has one. */
    protected Optional<GatewayRepository> gateway() {
        ConnectedApis apis = connection().apis();
        return apis == null ? Optional.empty() : apis.gateway();
    }

    /** This page's background calls; each brings its failure handler, and stale answers are dropped. */
    protected UiTasks tasks() {
        return tasks;
    }

    /** Shows why data loaded beside the list (a service's routes, names for a column) could not be loaded. */
    protected void relatedLoadFailed(Throwable failure) {
        loadError.set(Failures.sentence(messages(), failure));
    }

    public DialogService dialogs() {
        return dialogs;
    }

    protected SchemaCache schemas() {
        return schemas;
    }

    /** Opening the page shows the gateway as it is now, not as it was when last loaded. */
    @Override
    public void activated() {
        if (!loading.get()) {
            reload();
        }
    }

    /** Command: load the whole list again, page by page; rows appear as pages arrive. */
    public void reload() {
        Optional<GatewayRepository> gateway = gateway();
        if (gateway.isEmpty()) {
            return;
        }
        String keep = selected.get() == null ? null : Rows.text(selected.get(), "id");
        loading.set(true);
        loadError.set("");
        List<ObjectNode> fresh = new ArrayList<>();
        tasks.runWithProgress(
                "list",
                ticket -> gateway.get().listAll(kind, page -> {
                    fresh.addAll(page);
                    List<ObjectNode> snapshot = List.copyOf(fresh);
                    ticket.publish(() -> {
                        if (items.size() < snapshot.size()) {
                            items.setAll(snapshot);
                        }
                    });
                }),
                all -> {
                    loading.set(false);
                    unavailable.set("");
                    items.setAll(all);
                    onLoaded(gateway.get(), all);
                    if (keep != null) {
                        selected.set(all.stream()
                                .filter(r -> keep.equals(Rows.text(r, "id")))
                                .findFirst()
                                .orElse(null));
                    }
                },
                failure -> {
                    loading.set(false);
                    loadFailed(failure);
                });
    }

    /**
     * Follows the gateway quietly: no spinner; unchanged rows, the selection and an open form stay as they are;
     * the error of an earlier load goes once the gateway answers again. Skipped while a load, a save or a form is
     * under way (the user's own action wins).
     */
    @Override
    public void follow(Capability runtime) {
        Optional<GatewayRepository> gateway = gateway();
        if (runtime != Capability.GATEWAY || gateway.isEmpty() || loading.get() || saving.get() || form.get() != null) {
            return;
        }
        tasks.run(
                "list",
                () -> gateway.get().listAll(kind),
                all -> {
                    loadError.set("");
                    unavailable.set("");
                    if (RowMerge.merge(items, all) && selected.get() != null) {
                        String id = Rows.text(selected.get(), "id");
                        ObjectNode now = items.stream()
                                .filter(r -> id.equals(Rows.text(r, "id")))
                                .findFirst()
                                .orElse(null);
                        if (now != selected.get()) {
                            selected.set(now);
                        }
                    }
                    onLoaded(gateway.get(), all);
                },
                this::loadFailed);
    }

    @Override
    public List<StringProperty> notices() {
        return List.of(status);
    }

    /** Called after a full load, on the UI executor; pages load related data from {@code gateway} here. */
    protected void onLoaded(GatewayRepository gateway, List<ObjectNode> all) {}

    private String[] tokens() {
        String text = filter.get() == null ? "" : filter.get().strip();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    /**
     * Filters by the text and the page's own facets. Rows that contain every token as typed come first and, when
     * there are any, alone: "/api/25" means /api/25 and /api/250, not /api/125. Only when no row contains the
     * tokens does the fuzzy letter-sequence match apply, for typos and abbreviations.
     */
    private void applyFilter() {
        long start = System.nanoTime();
        String[] tokens = tokens();
        Predicate<ObjectNode> predicate;
        if (tokens.length == 0) {
            predicate = this::passesFacets;
        } else {
            Set<ObjectNode> contained = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (ObjectNode row : items) {
                if (passesFacets(row) && match(searchTexts(row), tokens) == Match.CONTAINED) {
                    contained.add(row);
                }
            }
            predicate = !contained.isEmpty()
                    ? contained::contains
                    : row -> passesFacets(row) && match(searchTexts(row), tokens) != Match.NONE;
        }
        filtered.setPredicate(predicate);
        lastFilterMicros.set(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
    }

    /** How a row matches the filter's tokens. */
    enum Match {
        CONTAINED,
        FUZZY,
        NONE
    }

    /** CONTAINED when every token is part of one of the row's texts, FUZZY when each is at least a fuzzy match. */
    static Match match(List<String> texts, String[] tokens) {
        Match result = Match.CONTAINED;
        for (String token : tokens) {
            String needle = token.toLowerCase(java.util.Locale.ROOT);
            boolean contained = false;
            boolean fuzzy = false;
            for (String text : texts) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                    contained = true;
                    break;
                }
                fuzzy = fuzzy || FuzzyMatcher.score(token, text) != FuzzyMatcher.NO_MATCH;
            }
            if (!contained && !fuzzy) {
                return Match.NONE;
            }
            if (!contained) {
                result = Match.FUZZY;
            }
        }
        return result;
    }

    /** A page's own filters beside the text (the Routes page's "unprotected only"); every row passes by default. */
    protected boolean passesFacets(ObjectNode row) {
        return true;
    }

    /** Turns the page's own filters off, so that every row can be shown again. */
    protected void clearFacets() {}

    /** Filters anew: a facet changed, or data it reads arrived. */
    /** "Compare with what Kong loaded", where the gateway sits behind the Kong Ingress Controller. */
    public KongLoadedViewModel loaded() {
        return loaded;
    }

    protected final void refilter() {
        applyFilter();
    }

    /**
     * The selection is a visible row: a row reloaded stays selected as its new self, a row the filter hides (or
     * that is gone) is no longer selected, so no details, Edit or Delete act on a row the user cannot see.
     */
    private void keepSelectionVisible() {
        ObjectNode current = selected.get();
        if (current == null || filtered.contains(current)) {
            return;
        }
        String id = Rows.text(current, "id");
        selected.set(filtered.stream()
                .filter(r -> id.equals(Rows.text(r, "id")))
                .findFirst()
                .orElse(null));
    }

    /**
     * Selects {@code row} (its current version, found by id), clearing the filter first when it hides the row: the
     * palette found it by name, or it was just saved.
     */
    public void reveal(ObjectNode row) {
        String id = Rows.text(row, "id");
        java.util.function.Supplier<Optional<ObjectNode>> shown = () ->
                filtered.stream().filter(r -> id.equals(Rows.text(r, "id"))).findFirst();
        if (shown.get().isEmpty()) {
            clearFacets();
            filter.set("");
        }
        selected.set(shown.get().orElse(null));
    }

    /** Command: open an empty form with the schema's defaults. */
    public void startCreate() {
        openForm(null);
    }

    /** Command: open the form on the selected entity. */
    public void startEdit() {
        if (selected.get() != null) {
            openForm(selected.get());
        }
    }

    private void openForm(ObjectNode existing) {
        gateway()
                .ifPresent(gateway -> tasks.run(
                        "form",
                        () -> formSchema(gateway),
                        fields -> {
                            SchemaFormModel model = new SchemaFormModel(fields, formLayout());
                            editing = existing;
                            fillForeignOptions(gateway, model);
                            if (existing == null) {
                                model.loadNew();
                                prepareNew(model);
                            } else {
                                model.loadEntity(existing);
                            }
                            form.set(model);
                        },
                        failure -> status.set(Failures.sentence(messages(), failure))));
    }

    /** The open form's heading: "New route", "Edit route demo-rt". */
    public String formTitle() {
        return editing == null
                ? messages().get("entity.create.title", noun())
                : messages().get("entity.edit.title", noun(), label(editing));
    }

    /** The entity the open form edits; null while the form creates one (or none is open). */
    protected ObjectNode editing() {
        return editing;
    }

    /** Lets a page preset fields of a new entity (a service for a route created from the service). */
    protected void prepareNew(SchemaFormModel model) {}

    /** Fills each foreign-key input with the entities it may point at, named for people. */
    private void fillForeignOptions(GatewayRepository gateway, SchemaFormModel model) {
        List<FormField> all = new ArrayList<>(model.primaryFields());
        all.addAll(model.advancedFields());
        for (FormField field : all) {
            if (field instanceof ForeignFormField foreign
                    && foreign.referencedKind().isPresent()) {
                EntityKind target = foreign.referencedKind().get();
                tasks.run(
                        "options:" + foreign.path(),
                        () -> gateway.listAll(target)
                                .thenApply(rows -> rows.stream()
                                        .map(r -> new EntityRef(Rows.text(r, "id"), Rows.label(r)))
                                        .sorted(java.util.Comparator.comparing(EntityRef::label))
                                        .toList()),
                        foreign::setOptions,
                        failure -> {
                            // A kind this connection does not offer (certificates on Kubernetes) has no options.
                            if (Failures.gatewayError(failure)
                                    .filter(dev.gatehouse.app.repository.gateway.GatewayException::isNotOffered)
                                    .isEmpty()) {
                                model.formErrorProperty().set(Failures.sentence(messages(), failure));
                            }
                        });
            }
        }
    }

    /** Command: close the form without saving. */
    public void cancelEdit() {
        form.set(null);
    }

    /** Command: save the form: POST for a new entity, PATCH with what changed for an existing one. */
    public void submit() {
        SchemaFormModel model = form.get();
        Optional<GatewayRepository> gateway = gateway();
        if (model == null || gateway.isEmpty()) {
            return;
        }
        saving.set(true);
        model.clearErrors();
        // The form's own entity: the selection may have moved on (or been filtered away) while it was open.
        String id = model.isEditing() ? Rows.text(editing, "id") : null;
        tasks.run(
                "save",
                () -> id != null
                        ? gateway.get().update(kind, id, model.patchBody())
                        : gateway.get().create(kind, completeCreateBody(model.createBody())),
                saved -> {
                    saving.set(false);
                    form.set(null);
                    status.set(messages()
                            .get(model.isEditing() ? "entity.saved" : "entity.created", noun(), label(saved)));
                    upsertLocally(saved);
                    // What was just saved is shown, even when the filter would hide it.
                    reveal(saved);
                },
                failure -> {
                    saving.set(false);
                    Failures.gatewayError(failure)
                            .ifPresentOrElse(
                                    model::showError,
                                    () -> model.showGeneralError(Failures.sentence(messages(), failure)));
                });
    }

    /** Shows a saved entity at once, without waiting for a reload. */
    protected void upsertLocally(ObjectNode saved) {
        String id = Rows.text(saved, "id");
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(Rows.text(items.get(i), "id"))) {
                items.set(i, saved);
                return;
            }
        }
        items.add(saved);
    }

    /** Command: delete {@code rows} after a confirmation that names them and what goes with them. */
    public void delete(List<ObjectNode> rows) {
        Optional<GatewayRepository> gateway = gateway();
        if (rows.isEmpty() || gateway.isEmpty()) {
            return;
        }
        List<ObjectNode> targets = List.copyOf(rows);
        String names = describe(targets);
        String cascade = cascadeNote(targets);
        String message = messages().get("entity.delete.message", names) + (cascade.isEmpty() ? "" : "\n" + cascade);
        if (!dialogs.confirm(
                messages().get("entity.delete.title", noun()),
                message,
                messages().get("action.delete"))) {
            return;
        }
        tasks.run(
                "delete",
                () -> CompletableFuture.allOf(targets.stream()
                        .map(row -> deleteOne(gateway.get(), row))
                        .toArray(CompletableFuture[]::new)),
                ok -> {
                    status.set(messages().get("entity.deleted", targets.size(), noun()));
                    afterDelete(targets);
                },
                failure -> {
                    status.set(messages().get("entity.delete.failed", Failures.sentence(messages(), failure)));
                    afterDelete(targets);
                });
    }

    /** Whether all or only some went, the list shows the gateway as it is now. */
    private void afterDelete(List<ObjectNode> targets) {
        if (selected.get() != null && targets.contains(selected.get())) {
            selected.set(null);
        }
        reload();
    }

    /** Deletes one entity; pages whose entities own others (a service's routes) delete those first. */
    protected CompletableFuture<Void> deleteOne(GatewayRepository gateway, ObjectNode row) {
        return gateway.delete(kind, Rows.text(row, "id"));
    }

    /** Command: add and remove tags on every row in {@code rows} (one PATCH each). */
    public void editTags(List<ObjectNode> rows, Collection<String> add, Collection<String> remove) {
        Optional<GatewayRepository> gateway = gateway();
        if (rows.isEmpty() || gateway.isEmpty()) {
            return;
        }
        List<CompletableFuture<ObjectNode>> calls = new ArrayList<>();
        for (ObjectNode row : rows) {
            Set<String> tags = new LinkedHashSet<>(Rows.list(row, "tags"));
            tags.addAll(add);
            tags.removeAll(remove);
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            tags.forEach(array::add);
            ObjectNode patch = JsonNodeFactory.instance.objectNode();
            patch.set("tags", tags.isEmpty() ? JsonNodeFactory.instance.nullNode() : array);
            calls.add(gateway.get().update(kind, Rows.text(row, "id"), patch));
        }
        // Rows the gateway did change are shown changed, even when others failed.
        Runnable showChanged = () -> calls.stream()
                .filter(c -> !c.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .forEach(this::upsertLocally);
        tasks.run(
                "tags",
                () -> CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)),
                ok -> {
                    status.set(messages().get("entity.tagged", rows.size(), noun()));
                    showChanged.run();
                },
                failure -> {
                    status.set(Failures.sentence(messages(), failure));
                    showChanged.run();
                });
    }

    private String describe(List<ObjectNode> rows) {
        List<String> labels = rows.stream().limit(5).map(this::label).toList();
        String text = String.join(", ", labels);
        return rows.size() > 5 ? messages().get("entity.and.more", text, rows.size() - 5) : text;
    }

    /** The tags used across all loaded entities, for the tag chips and bulk edit suggestions. */
    public List<String> allTags() {
        Set<String> tags = new java.util.TreeSet<>();
        for (JsonNode row : items) {
            tags.addAll(Rows.list(row, "tags"));
        }
        return List.copyOf(tags);
    }
}
