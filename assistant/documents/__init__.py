"""Officers' documents: drafting per Nghị định 30/2020/NĐ-CP and review of drafts."""
