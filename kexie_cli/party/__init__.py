"""Party work by its form (docs/party.md): what each form of party cell must do, and who is covered.

``forms`` says what a form of party cell is and owes (head role, 换届 term, 三会一课);
``cover`` computes 党的组织覆盖 / 党的工作覆盖 and the 三会一课 gaps. Rules K303, K306,
K501–K509, ``kexie party``, ``kexie summary party``, ``due-elections`` and the exports all call
these functions, so every command gives the same numbers.
"""
