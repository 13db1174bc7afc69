import { ref, shallowRef } from 'vue';

/**
 * One row of a table edited in place: which row, its draft, the save (with the row's version as
 * If-Match inside `write`) and its error.
 */
export function useInlineEdit<Row extends { id: string }, Draft extends Record<string, string>>(
  draftOf: (row: Row) => Draft,
  write: (row: Row, draft: Draft) => Promise<unknown>,
  afterSave: () => unknown,
) {
  const editingId = ref<string | null>(null);
  const draft = ref(null) as { value: Draft | null };
  const busy = ref(false);
  const error = shallowRef<unknown>(null);
  const saved = ref(false);

  function edit(row: Row): void {
    editingId.value = row.id;
    draft.value = draftOf(row);
    error.value = null;
    saved.value = false;
  }

  function setField(name: string, value: string): void {
    if (draft.value) draft.value = { ...draft.value, [name]: value };
  }

  function cancel(): void {
    editingId.value = null;
    draft.value = null;
  }

  async function save(row: Row): Promise<void> {
    if (!draft.value) return;
    busy.value = true;
    error.value = null;
    try {
      await write(row, draft.value);
      cancel();
      await afterSave();
      saved.value = true;
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  }

  return { editingId, draft, busy, error, saved, edit, setField, cancel, save };
}

export type InlineEdit<Row extends { id: string }> = ReturnType<
  typeof useInlineEdit<Row, Record<string, string>>
>;
