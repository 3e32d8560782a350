package jp.nimo.infra.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.models.media.Schema;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which members of an answer generated from a record are always there: answers leave out null fields, so
 * a component is always written out when it is primitive or marked {@code @JsonInclude(ALWAYS)}; those
 * are required in its schema, so that an answer missing one fails the contract.
 */
final class RecordRequirements {

    private RecordRequirements() {
    }

    /** Marks the always-present members of the record a fully qualified schema name stands for. */
    static void apply(String qualifiedName, Schema<?> schema) {
        Class<?> type = load(qualifiedName);
        if (type == null || !type.isRecord() || schema.getProperties() == null) {
            return;
        }
        Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (RecordComponent component : type.getRecordComponents()) {
            if (!schema.getProperties().containsKey(component.getName()) || has(component, JsonIgnore.class)) {
                continue;
            }
            if (component.getType().isPrimitive() || alwaysIncluded(component)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.setRequired(new ArrayList<>(required));
        }
    }

    private static boolean alwaysIncluded(RecordComponent component) {
        for (AnnotatedElement element : elements(component)) {
            JsonInclude include = element.getAnnotation(JsonInclude.class);
            if (include != null && include.value() == JsonInclude.Include.ALWAYS) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(RecordComponent component, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (AnnotatedElement element : elements(component)) {
            if (element.isAnnotationPresent(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** The component, its accessor and its field: an annotation on a record component lands on some of these. */
    private static List<AnnotatedElement> elements(RecordComponent component) {
        List<AnnotatedElement> elements = new ArrayList<>(List.of(component, component.getAccessor()));
        try {
            elements.add(component.getDeclaringRecord().getDeclaredField(component.getName()));
        } catch (NoSuchFieldException e) {
            // every record component has its field; nothing more to look at otherwise
        }
        return elements;
    }

    /** {@code a.b.Outer.Inner} or {@code a.b.Outer$Inner}: the class, or null when the name is no class. */
    private static Class<?> load(String name) {
        if (!name.contains(".")) {
            return null;
        }
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate, false, RecordRequirements.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
            }
        }
    }
}
