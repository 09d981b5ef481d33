"""Annotate: razdel's sentences and tokens, pymorphy3's lemmas, Natasha's NER,
morphology and syntax (decoded into trees), normal forms of names.

Nothing is imported here: a worker process loads the models when it first annotates."""
