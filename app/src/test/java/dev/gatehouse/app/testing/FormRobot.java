package dev.gatehouse.app.testing;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/** Filling the console's generated entity forms with the mouse and keyboard, as a user does. */
public final class FormRobot {

    private FormRobot() {}

    /** The visible node with {@code id}; ids with dots ({@code field-config.key_names}) cannot be CSS selectors. */
    public static <T extends Node> T byId(FxRobot robot, String id) {
        return robot.lookup((Node n) -> id.equals(n.getId()) && n.isVisible()).query();
    }

    /** Clicks field {@code id} and types {@code text}. */
    public static void type(FxRobot robot, String id, String text) {
        robot.clickOn((Node) byId(robot, id));
        robot.write(text);
    }

    /** Adds {@code value} as a chip to a list field. */
    public static void addChip(FxRobot robot, String fieldId, String value) {
        robot.clickOn((Node) byId(robot, fieldId + "-editor"));
        robot.write(value);
        robot.type(KeyCode.ENTER);
    }

    /** Opens combo box {@code comboId} and picks the item shown as {@code label}. */
    public static void pick(FxRobot robot, String comboId, String label) {
        ComboBox<?> box = byId(robot, comboId);
        robot.clickOn(box);
        robot.clickOn((Node) robot.lookup((Node n) -> n instanceof javafx.scene.control.ListCell<?> cell
                        && cell.getItem() != null
                        && label.equals(cell.getItem().toString()))
                .query());
    }
}
