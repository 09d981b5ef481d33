"""Posts that people hold: `губернатор Севастополя Дмитрий Овсянников`.

A post is a head noun from `models/posts.toml` with the acting phrase and the
modifiers before it (`врио`, `первый`, `генеральный`) and the chain after it:
genitives, named bodies and places, phrases opened by `по`, and a second post after
a dash (`… правительства Республики Крым – министр финансов`). A post belongs to
the person named right after it, or to the person right before it when a comma,
dash, bracket or a verb like `назначен` joins them. The chain stops at a comma,
so in a list of posts and people each post meets only its own neighbour.

Nothing is imported here, so that a worker loads only the modules it uses.
"""
