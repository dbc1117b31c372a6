-- Personal fields reach the projections opened from their sealed form. A row that holds a person's data
-- also holds the person's subject id, so that erasing the person (SubjectErased) finds and scrubs it.
ALTER TABLE timeline_entry ADD COLUMN subject_id UUID;
ALTER TABLE sanction ADD COLUMN subject_id UUID;
