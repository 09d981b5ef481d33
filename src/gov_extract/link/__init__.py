"""Link: mentions of the whole corpus grouped into entities with stable ids."""
