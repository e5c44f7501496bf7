-- Objects cutover lists but does not move: triggers, routines, events.
SELECT CONCAT('trigger ', trigger_name, ' (', action_timing, ' ', event_manipulation, ' on ',
              event_object_table, ')')
FROM information_schema.triggers WHERE trigger_schema = DATABASE()
UNION ALL
SELECT CONCAT(LOWER(routine_type), ' ', routine_name)
FROM information_schema.routines WHERE routine_schema = DATABASE()
UNION ALL
SELECT CONCAT('event ', event_name)
FROM information_schema.events WHERE event_schema = DATABASE()
