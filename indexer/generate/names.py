"""Common first and last names by native language, for plausible (fictional) freelancers."""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "fr": _split(
        "Camille Léa Manon Chloé Julie Sarah Emma Inès Claire Sophie Élodie Marine "
        "Thomas Nicolas Julien Maxime Antoine Alexandre Hugo Lucas Romain Mathieu "
        "Guillaume Pierre Clément Quentin Baptiste Aurélien Céline Mélanie"
    ),
    "de": _split(
        "Anna Lena Laura Julia Sophie Katharina Lisa Sarah Hannah Marie Johanna Miriam "
        "Lukas Jonas Felix Maximilian Tobias Jan Florian Sebastian Matthias Stefan "
        "Alexander Philipp Moritz Simon Niklas Tim Christian Daniel"
    ),
    "es": _split(
        "Lucía María Paula Laura Marta Andrea Sara Elena Carmen Ana Claudia Irene "
        "Alejandro Daniel Pablo Javier David Carlos Sergio Jorge Adrián Álvaro Diego "
        "Miguel Raúl Iván Rubén Manuel Alberto Marc"
    ),
    "ca": _split(
        "Marc Jordi Pau Arnau Oriol Núria Laia Montserrat Mireia Gemma Albert Anna "
        "Marta Xavier Roger Clara"
    ),
    "en": _split(
        "Oliver Harry George Jack James William Thomas Charlie Daniel Samuel Emily "
        "Olivia Amelia Sophie Jessica Charlotte Hannah Grace Lucy Ella Chloe Ryan "
        "Conor Aoife Siobhan Liam Sean Niamh Eleanor Rachel"
    ),
    "nl": _split(
        "Daan Sem Lucas Levi Finn Bram Jesse Thijs Ruben Lars Emma Julia Sophie Tess "
        "Anna Fleur Sanne Lotte Eva Noor Pieter Joost Maarten Femke"
    ),
    "it": _split(
        "Marco Luca Andrea Francesco Alessandro Matteo Lorenzo Davide Simone Federico "
        "Giulia Chiara Francesca Sara Martina Elena Valentina Alessia Silvia Paola"
    ),
    "pt": _split(
        "João Pedro Tiago Miguel Rui Diogo Gonçalo Ricardo Nuno Bruno Ana Inês Mariana "
        "Beatriz Catarina Joana Sofia Rita Marta Carolina"
    ),
    "pl": _split(
        "Piotr Krzysztof Tomasz Paweł Michał Marcin Jakub Łukasz Kamil Adam Anna "
        "Katarzyna Magdalena Agnieszka Joanna Aleksandra Monika Natalia Ewa Karolina"
    ),
    "da": _split("Mads Frederik Rasmus Mikkel Anders Søren Mette Camilla Sofie Ida Line Freja"),
    "sv": _split("Erik Lars Johan Anders Oskar Gustav Emma Elsa Maja Ebba Linnea Karin Sara"),
    "fi": _split("Mikko Juha Antti Jussi Ville Matti Laura Anna Emilia Aino Sanna Heidi"),
    "cs": _split("Jan Jakub Tomáš Petr Martin Lukáš Tereza Eliška Kateřina Lucie Veronika Anna"),
    "hu": _split("Bence Máté Dávid Gábor László Péter Anna Eszter Réka Zsófia Katalin Dóra"),
    "et": _split("Martin Rasmus Karl Markus Mihkel Kristjan Laura Kadri Liis Maarja Kertu Anu"),
    "lb": _split("Luc Marc Paul Tom Claude Joé Anne Sandra Michèle Nathalie Carole Laura"),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "fr": _split(
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
        "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel "
        "Girard André Mercier Dupont Lambert Bonnet François Martinez Legrand"
    ),
    "de": _split(
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
        "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann "
        "Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann"
    ),
    "es": _split(
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez "
        "Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso "
        "Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Serrano Blanco Molina"
    ),
    "ca": _split(
        "Puig Vidal Ferrer Soler Roca Pujol Serra Font Mas Vila Costa Bosch Sala Casals Riera Prat"
    ),
    "en": _split(
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright "
        "Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Murphy "
        "Kelly O'Brien Byrne Walsh Ryan Campbell Stewart Hughes Edwards"
    ),
    "nl": _split(
        "Jansen Bakker Janssen Visser Smit Meijer Mulder Bos Vos Peters Hendriks "
        "Dekker Peeters Maes Willems Claes Janssens Dijkstra Vermeulen Kuipers Brouwer"
    ),
    "it": _split(
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
        "Gallo Conti De Luca Costa Giordano Mancini Rizzo Lombardi Moretti"
    ),
    "pt": _split(
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa "
        "Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho"
    ),
    "pl": _split(
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
        "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski"
    ),
    "da": _split("Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen"),
    "sv": _split("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson"),
    "fi": _split("Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen"),
    "cs": _split("Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec"),
    "hu": _split("Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh"),
    "et": _split("Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel"),
    "lb": _split("Schmit Muller Weber Wagner Hoffmann Thill Schmitz Reuter Kremer Becker"),
}
