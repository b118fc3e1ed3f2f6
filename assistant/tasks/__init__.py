"""Tasks and reminders (đôn đốc nhắc việc): time understanding, store, scheduler, delivery."""
