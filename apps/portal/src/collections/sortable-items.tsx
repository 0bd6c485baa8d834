import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Group, Paper } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface SortableItemsProps<T extends { id: string }> {
  items: T[];
  titleOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  onReorder: (items: T[]) => void;
}

/** A list reordered by dragging its handles, or from the keyboard (Space, arrows, Space). */
export function SortableItems<T extends { id: string }>(props: SortableItemsProps<T>) {
  const { t } = useTranslation("collections");
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const titleOf = (id: string | number) => {
    const item = props.items.find((i) => i.id === id);
    return item ? props.titleOf(item) : "";
  };
  const positionOf = (id: string | number | undefined) =>
    String(props.items.findIndex((i) => i.id === id) + 1);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = props.items.findIndex((i) => i.id === active.id);
    const to = props.items.findIndex((i) => i.id === over.id);
    props.onReorder(arrayMove(props.items, from, to));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("reorder.instructions") },
        announcements: {
          onDragStart: ({ active }) => t("reorder.picked", { title: titleOf(active.id) }),
          onDragOver: ({ active, over }) =>
            t("reorder.over", { title: titleOf(active.id), position: positionOf(over?.id) }),
          onDragEnd: ({ active, over }) =>
            t("reorder.dropped", { title: titleOf(active.id), position: positionOf(over?.id) }),
          onDragCancel: ({ active }) => t("reorder.cancelled", { title: titleOf(active.id) }),
        },
      }}
    >
      <SortableContext items={props.items} strategy={verticalListSortingStrategy}>
        <ol style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 8 }}>
          {props.items.map((item) => (
            <SortableRow
              key={item.id}
              id={item.id}
              label={t("reorder.handle", { title: props.titleOf(item) })}
            >
              {props.renderItem(item)}
            </SortableRow>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow(props: { id: string; label: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: props.id });
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: "relative",
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Paper withBorder p="xs" shadow={isDragging ? "md" : undefined}>
        <Group wrap="nowrap" gap="sm">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={props.label}
            style={{ cursor: "grab", touchAction: "none" }}
            {...attributes}
            {...listeners}
          >
            <span aria-hidden>⠿</span>
          </ActionIcon>
          {props.children}
        </Group>
      </Paper>
    </li>
  );
}
